import type { Command } from 'commander';
import { startStand, type Stand } from '../../stand/server.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { DEFAULT_TOKEN_TTL_SEC, STAND_VARIANTS, parseVariants, type StandVariant } from '../../stand/settings.js';

export function register(program: Command): void {
  program
    .command('stand')
    .description('запустить учебный стенд Навигатора (публичный сайт, админ-панель и реестр сертификатов)')
    .option('--port <n>', 'порт', '8080')
    .option('--host <host>', 'адрес', '127.0.0.1')
    .option('--control', 'открыть управляющий API /__stand/ (для тестов)', false)
    .option('--seed <n>', 'зерно случайных сбоев', '1')
    .option('--admin-email <email>', 'логин администратора стенда', 'admin@stand.local')
    .option('--admin-password <password>', 'пароль администратора стенда', 'stand-admin')
    .option('--org-login <login>', 'логин организации в реестре сертификатов (/registry/)', 'org@stand.local')
    .option('--org-password <password>', 'пароль организации в реестре сертификатов', 'stand-org')
    .option('--slow-mask <ms>', 'медленная админ-панель: держать маску «Загрузка...» N мс после ответа сервера', '0')
    .option('--variant <names>', `варианты стенда через запятую, как в разных регионах: ${STAND_VARIANTS.join(', ')}`)
    .option('--token-ttl <s>', `vendor-session: время жизни токена админ-панели, секунд (по умолчанию ${DEFAULT_TOKEN_TTL_SEC})`)
    .action(async (opts: { port: string; host: string; control: boolean; seed: string; adminEmail: string; adminPassword: string; orgLogin: string; orgPassword: string; slowMask: string; variant?: string; tokenTtl?: string }) => {
      let variants: StandVariant[];
      try {
        variants = parseVariants(opts.variant);
      } catch (e) {
        process.stderr.write(`${(e as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      const tokenTtlSec = opts.tokenTtl === undefined ? undefined : Number(opts.tokenTtl);
      if (tokenTtlSec !== undefined && !(Number.isInteger(tokenTtlSec) && tokenTtlSec > 0)) {
        process.stderr.write(`--token-ttl: нужно целое число секунд больше нуля, получено «${opts.tokenTtl}»\n`);
        process.exitCode = 2;
        return;
      }
      const port = Number(opts.port);
      if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new CliExit(EXIT.invalid, `--port: нужен номер порта от 1 до 65535 (0 — любой свободный), получено «${opts.port}»`);
      let stand: Stand;
      try {
        stand = await startStand({
          variants,
          ...(tokenTtlSec !== undefined ? { tokenTtlSec } : {}),
          port,
          host: opts.host,
          control: opts.control,
          seed: Number(opts.seed),
          adminEmail: opts.adminEmail,
          adminPassword: opts.adminPassword,
          registryLogin: opts.orgLogin,
          registryPassword: opts.orgPassword,
          slowMaskMs: Number(opts.slowMask) || 0,
        });
      } catch (e) {
        const why = listenProblem(e, opts.host, port);
        if (why) throw new CliExit(EXIT.invalid, why);
        throw e;
      }
      process.stdout.write(
        [
          'Учебный стенд Навигатора запущен.',
          `  Публичный сайт: ${stand.publicUrl}`,
          `  Админ-панель:   ${stand.adminUrl}`,
          `  Вход в админ-панель: ${stand.settings.adminEmail} / ${stand.settings.adminPassword}`,
          `  Реестр сертификатов: ${stand.registryUrl}`,
          `  Вход в реестр (организация): ${stand.settings.registryLogin} / ${stand.settings.registryPassword}`,
          variants.length ? `  Варианты: ${variants.join(', ')}` : '',
          variants.includes('vendor-session') ? `  Токен админ-панели живёт ${stand.settings.tokenTtlSec} с` : '',
          opts.control ? `  Управление стендом: ${stand.url}/__stand/state` : '',
          'Остановить: Ctrl+C',
          '',
        ]
          .filter((l) => l !== '')
          .join('\n') + '\n',
      );
      await new Promise<void>((resolve) => {
        const stop = () => void stand.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}

/** Why the stand could not listen, in Russian (a setting to change: exit 2); undefined for anything else. */
export function listenProblem(e: unknown, host: string, port: number): string | undefined {
  switch ((e as NodeJS.ErrnoException | null)?.code) {
    case 'EADDRINUSE':
      return `порт ${port} занят: другой стенд или программа уже слушает его; укажите другой --port или закройте ту программу`;
    case 'EACCES':
      return `нет прав слушать порт ${port} (порты до 1024 — только для администратора): укажите --port 8080 или другой больше 1024`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `адреса ${host} нет на этом компьютере: укажите --host 127.0.0.1 (или адрес этого компьютера в сети)`;
    default:
      return undefined;
  }
}
