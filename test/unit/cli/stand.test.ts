// `navbot stand` on a port another program holds: one Russian line and exit 2, not a stack.
import net from 'node:net';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { register as registerStand } from '../../../src/cli/commands/stand.js';
import { CliExit } from '../../../src/cli/exit-codes.js';

const servers: net.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
});

async function busyPort(): Promise<number> {
  const server = net.createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

async function stand(...args: string[]): Promise<unknown> {
  const program = new Command().exitOverride();
  registerStand(program);
  return program.parseAsync(['node', 'navbot', 'stand', ...args]).then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('navbot stand on a busy port', () => {
  it('says in Russian which port is taken and what to do, and exits 2', async () => {
    const port = await busyPort();
    const e = await stand('--port', String(port));
    expect(e).toBeInstanceOf(CliExit);
    expect((e as CliExit).code).toBe(2);
    expect((e as CliExit).message).toBe(
      `порт ${port} занят: другой стенд или программа уже слушает его; укажите другой --port или закройте ту программу`,
    );
    expect((e as CliExit).message).not.toMatch(/EADDRINUSE|\n/);
  });

  it('refuses a port that is no number', async () => {
    const e = await stand('--port', 'восемь');
    expect(e).toBeInstanceOf(CliExit);
    expect((e as CliExit).code).toBe(2);
    expect((e as CliExit).message).toMatch(/--port: нужен номер порта/);
  });
});
