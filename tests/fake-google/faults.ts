/**
 * Switchable faults and the request log. Faults apply to Calendar API requests only (never to
 * `/__fake/…`), in the order they were added; each one answers the next `times` matching requests.
 */

import { errors, type GoogleApiError } from './errors.ts';

/**
 * - `rateLimit429`, `rateLimit403`, `userRateLimit403`, `quotaExceeded403`, `backendError500`,
 *   `unavailable503`, `unauthorized401`: Google's JSON error for that case;
 * - `html`: an HTML error page (as Google's front ends send for 502s), `status` default 502;
 * - `drop`: the connection is destroyed without a response;
 * - `delay`: the request is answered normally after `delayMs`.
 */
export type FaultKind =
  | 'rateLimit429'
  | 'rateLimit403'
  | 'userRateLimit403'
  | 'quotaExceeded403'
  | 'backendError500'
  | 'unavailable503'
  | 'unauthorized401'
  | 'html'
  | 'drop'
  | 'delay';

export const FAULT_KINDS: readonly FaultKind[] = [
  'rateLimit429',
  'rateLimit403',
  'userRateLimit403',
  'quotaExceeded403',
  'backendError500',
  'unavailable503',
  'unauthorized401',
  'html',
  'drop',
  'delay',
];

export interface FaultSpec {
  kind: FaultKind;
  /** How many matching requests it answers (default 1; `Infinity` until cleared). */
  times?: number;
  /** Only requests with this method (`GET`, `PATCH` …). */
  method?: string;
  /** Only requests whose path contains this (`/events`, an event id …). */
  pathIncludes?: string;
  /** For `delay`. */
  delayMs?: number;
  /** For `html`. */
  status?: number;
}

interface ActiveFault extends FaultSpec {
  remaining: number;
}

const API_ERRORS: Partial<Record<FaultKind, () => GoogleApiError>> = {
  rateLimit429: errors.rateLimit429,
  rateLimit403: errors.rateLimit403,
  userRateLimit403: errors.userRateLimit403,
  quotaExceeded403: errors.quotaExceeded403,
  backendError500: errors.backendError,
  unavailable503: errors.unavailable,
  unauthorized401: errors.invalidCredentials,
};

export class Faults {
  private active: ActiveFault[] = [];

  /** Adds a fault; returns `this` so several can be chained. */
  add(spec: FaultSpec): this {
    if (!FAULT_KINDS.includes(spec.kind)) throw new Error(`unknown fault kind: ${String(spec.kind)}`);
    this.active.push({ ...spec, remaining: spec.times ?? 1 });
    return this;
  }

  /** The next `times` matching requests get `kind`. */
  next(kind: Exclude<FaultKind, 'delay'>, times = 1, match: Pick<FaultSpec, 'method' | 'pathIncludes'> = {}): this {
    return this.add({ kind, times, ...match });
  }

  /** Delays the next `times` matching requests (default: every request until cleared). */
  delay(ms: number, times = Number.POSITIVE_INFINITY, match: Pick<FaultSpec, 'method' | 'pathIncludes'> = {}): this {
    return this.add({ kind: 'delay', delayMs: ms, times, ...match });
  }

  clear(): void {
    this.active = [];
  }

  /** Faults still waiting for requests. */
  pending(): FaultSpec[] {
    return this.active.map(({ remaining, ...spec }) => ({ ...spec, times: remaining }));
  }

  /**
   * Consumes the faults that apply to a request: at most one delay and one answer (error, HTML,
   * drop), the earliest added of each.
   */
  take(method: string, path: string): { delayMs: number; answer?: ActiveFault } {
    const matches = (f: ActiveFault) =>
      f.remaining > 0 &&
      (!f.method || f.method.toUpperCase() === method) &&
      (!f.pathIncludes || path.includes(f.pathIncludes));
    const delay = this.active.find((f) => f.kind === 'delay' && matches(f));
    const answer = this.active.find((f) => f.kind !== 'delay' && matches(f));
    for (const used of [delay, answer]) if (used) used.remaining -= 1;
    this.active = this.active.filter((f) => f.remaining > 0);
    return { delayMs: delay?.delayMs ?? 0, ...(answer && { answer }) };
  }
}

export function faultError(kind: FaultKind): GoogleApiError | undefined {
  return API_ERRORS[kind]?.();
}

/** The HTML page Google's front end sends instead of JSON when something upstream fails. */
export function htmlErrorPage(status: number): string {
  return `<!DOCTYPE html>
<html lang=en>
  <meta charset=utf-8>
  <title>Error ${status} (Server Error)!!1</title>
  <p><b>${status}.</b> <ins>That’s an error.</ins>
  <p>The server encountered a temporary error and could not complete your request.<p>Please try again in 30 seconds.  <ins>That’s all we know.</ins>
`;
}

export interface LogEntry {
  /** ISO time the request arrived. */
  at: string;
  method: string;
  /** Decoded path, e.g. `/calendar/v3/calendars/primary/events`. */
  path: string;
  /** Query parameters; repeated ones as arrays. */
  query: Record<string, string | string[]>;
  /** Request headers, lower-case names (authorization included: tests check who called). */
  headers: Record<string, string>;
  /** The parsed JSON body, the raw text if it was not JSON, or undefined. */
  body?: unknown;
  /** Response status; 0 for a dropped connection. */
  status: number;
  /** The fault that answered, if any. */
  fault?: FaultKind;
}

export interface LogFilter {
  method?: string;
  pathIncludes?: string;
}

/** Requests the Calendar API received, oldest first. */
export class RequestLog {
  readonly entries: LogEntry[] = [];

  add(entry: LogEntry): void {
    this.entries.push(entry);
  }

  filter(filter: LogFilter = {}): LogEntry[] {
    return this.entries.filter(
      (e) =>
        (!filter.method || e.method === filter.method.toUpperCase()) &&
        (!filter.pathIncludes || e.path.includes(filter.pathIncludes)),
    );
  }

  count(filter: LogFilter = {}): number {
    return this.filter(filter).length;
  }

  last(filter: LogFilter = {}): LogEntry | undefined {
    return this.filter(filter).at(-1);
  }

  clear(): void {
    this.entries.length = 0;
  }
}
