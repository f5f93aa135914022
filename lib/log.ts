/** Tandem's console output: prefixed, and "once" variants so a broken page never floods the console. */
const PREFIX = '[Tandem]';
const said = new Set<string>();

export const log = {
  debug(scope: string, message: string, ...details: unknown[]): void {
    console.debug(PREFIX, `${scope}:`, message, ...details);
  },
  /** Logs a debug line the first time `key` is seen in this page. */
  debugOnce(key: string, scope: string, message: string): void {
    if (said.has(key)) return;
    said.add(key);
    console.debug(PREFIX, `${scope}:`, message);
  },
  warnOnce(key: string, scope: string, message: string): void {
    if (said.has(key)) return;
    said.add(key);
    console.warn(PREFIX, `${scope}:`, message);
  },
  error(scope: string, error: unknown): void {
    console.error(PREFIX, `${scope}:`, error);
  },
};
