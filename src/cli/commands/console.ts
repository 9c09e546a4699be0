// `navbot console [--port N] [--no-open]` (npm run console; «Пульт navbot.cmd» on Windows): the
// staff's local web page (src/console). Prints its address with the token and opens the default
// browser there; serves until «Выйти» on the page or Ctrl+C here (a run in progress is stopped as
// `navbot run` stops on Ctrl+C: the rows in flight finish their step first).
import type { Command } from 'commander';
import { CliExit, EXIT } from '../exit-codes.js';

export function register(program: Command): void {
  program
    .command('console')
    .description('пульт navbot: страница в браузере для настройки, проверки очередей, прогона, истории и расписания')
    .option('--port <n>', 'порт (0 — любой свободный)', '8765')
    .option('--no-open', 'не открывать браузер')
    .action(async (opts: { port: string; open: boolean }) => {
      const port = Number(opts.port);
      if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new CliExit(EXIT.invalid, `--port: нужен номер порта от 1 до 65535 (0 — любой свободный), получено «${opts.port}»`);
      let finish!: () => void;
      const ended = new Promise<void>((resolve) => (finish = resolve));
      // Loaded only here: the other commands never start a web server nor pay for loading one.
      const { startConsole } = await import('../../console/server.js');
      const { default: open } = await import('open');
      let server;
      try {
        server = await startConsole({ port, dir: process.cwd(), onExit: () => finish() });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliExit(EXIT.invalid, `Порт ${port} занят: возможно, пульт уже открыт. Запустите с другим портом: navbot console --port 8766`);
        throw e;
      }
      const say = (line: string) => process.stdout.write(`${line}\n`);
      say('Пульт navbot запущен. Откройте в браузере (адрес с ключом доступа, никому не пересылайте):');
      say(`  ${server.url}`);
      say('Окно не закрывайте, пока работаете с пультом. Выход: кнопка «Выйти» на странице или Ctrl+C здесь.');
      if (opts.open) await open(server.url).catch(() => say('Браузер не открылся сам: скопируйте адрес выше в адресную строку.'));
      let presses = 0;
      const onSignal = () => {
        presses++;
        if (presses > 1) process.exit(EXIT.interrupted);
        if (server.runs.active) {
          say('Остановка: завершаю текущие шаги прогона и записываю журнал… (повторное Ctrl+C — выйти сразу)');
          server.runs.stop();
          void server.runs.settled().then(() => finish());
        } else finish();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      await ended;
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await server.runs.settled();
      await server.close();
      say('Пульт закрыт.');
    });
}
