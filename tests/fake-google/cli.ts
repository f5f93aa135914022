/**
 * `npm run fake-google -- --port <port> [--seed <file.json>] [--now <ISO time>]`
 *
 * Serves the fake Calendar API on 127.0.0.1 and prints exactly `listening http://127.0.0.1:<port>`
 * once it accepts connections (port 0: an ephemeral port, printed). Stops on SIGINT/SIGTERM.
 */

import { parseArgs } from 'node:util';
import { createFakeGoogle } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    seed: { type: 'string' },
    now: { type: 'string' },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`fake-google: --port must be 0–65535, got ${values.port}`);
  process.exit(2);
}

try {
  const fake = await createFakeGoogle({
    port,
    ...(values.seed && { seed: values.seed }),
    ...(values.now && { now: values.now }),
  });
  const stop = () => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Before the line is printed: whoever reads it may signal us at once, and a signal that comes
  // before a handler exists kills the process without closing the server.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`listening ${fake.url}`);
} catch (e) {
  console.error(`fake-google: ${(e as Error).message}`);
  process.exit(1);
}
