// @vitest-environment node
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = resolve(import.meta.dirname, '../../fake-google/cli.ts');
const SEED = resolve(import.meta.dirname, '../../fake-google/seeds/mentoring.json');

let child: ChildProcess | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});

/** Starts the CLI (same Node as the tests: it runs TypeScript directly) and reads its first line. */
async function start(args: string[]): Promise<string> {
  child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const [line] = (await once(lines, 'line')) as [string];
  return line;
}

describe('npm run fake-google', () => {
  it('prints exactly "listening <url>" on an ephemeral port and serves the seed', async () => {
    const line = await start(['--port', '0', '--seed', SEED]);
    expect(line).toMatch(/^listening http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.slice('listening '.length);
    const reply = await fetch(`${url}/calendar/v3/calendars/primary/events`, {
      headers: { authorization: 'Bearer demo' },
    });
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as { summary: string; items: Array<{ id: string }> };
    expect(body.summary).toBe('Morgan Mentor');
    expect(body.items[0]?.id).toBe('4mentoringseries0000000000');
  });

  it('stops cleanly on SIGTERM', async () => {
    await start(['--port', '0']);
    child?.kill('SIGTERM');
    const [code] = (await once(child as ChildProcess, 'exit')) as [number];
    expect(code).toBe(0);
  });

  it('refuses a bad port or seed with a message and a non-zero exit', async () => {
    for (const args of [
      ['--port', 'abc'],
      ['--seed', '/nonexistent/seed.json'],
    ]) {
      const run = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      run.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const [code] = (await once(run, 'exit')) as [number];
      expect(code, args.join(' ')).not.toBe(0);
      expect(stderr).toMatch(/^fake-google: /);
    }
  });
});
