import type { CDPSession } from '@playwright/test';

/**
 * Chromium's own record of what ran on which thread, over the DevTools protocol: `RunTask` (every
 * task of every thread, with its duration) and `FunctionCall` (every entry into JavaScript, with
 * the URL of the script it belongs to — also for a content script's MutationObserver callback,
 * which in-page APIs such as long-animation-frame attribute to the page script whose task ran it).
 */
const CATEGORIES = ['toplevel', 'devtools.timeline'];
const LONG_TASK_US = 50_000;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, where the platform records it. */
  tdur?: number;
  args?: { data?: { url?: string } };
}

export async function startTrace(cdp: CDPSession): Promise<void> {
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReturnAsStream',
  });
}

export async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const complete = new Promise<{ stream?: string }>((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  if (!stream) throw new Error('trace: no stream');
  const chunks: Buffer[] = [];
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 22 });
    chunks.push(Buffer.from(chunk.data, chunk.base64Encoded ? 'base64' : 'utf8'));
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

export interface LongTasks {
  /** Long tasks on the page's main thread. */
  page: number;
  /** …of which would not have been long without the extension's code in them. */
  pageByExtension: number;
  /** Long tasks on threads that run only the extension (its panel frame, its service worker). */
  extensionThreads: number;
  /** The extension's JavaScript on the page's main thread, in total and at most in one task (ms). */
  extensionMs: number;
  maxExtensionMsInTask: number;
}

/**
 * How long a task took: `wall` is what the web platform's long tasks measure; `cpu` is the thread's
 * own time, which other processes competing for the machine's cores do not stretch.
 */
export type Clock = 'wall' | 'cpu';

/**
 * Long tasks (> 50 ms) in a trace, and which of them the extension caused. The page's main thread is
 * the one running `pageScript`. There a long task counts as the extension's when removing the
 * extension's own JavaScript time from it (its `FunctionCall`s, by script URL) leaves 50 ms or less;
 * other threads that ran the extension's code are wholly the extension's.
 */
export function longTasks(
  events: TraceEvent[],
  pageScript: string,
  extensionOrigin: string | null,
  clock: Clock,
): LongTasks {
  const thread = (e: TraceEvent): string => `${e.pid}:${e.tid}`;
  const duration = (e: TraceEvent): number => (clock === 'cpu' ? (e.tdur ?? e.dur ?? 0) : (e.dur ?? 0));
  const calls = events.filter((e) => e.name === 'FunctionCall' && e.ph === 'X' && e.dur !== undefined);
  const pageThread = calls.find((e) => e.args?.data?.url?.startsWith(pageScript));
  if (!pageThread) throw new Error(`trace: nothing from ${pageScript} ran`);
  const isExtension = (e: TraceEvent): boolean =>
    extensionOrigin !== null && (e.args?.data?.url?.startsWith(extensionOrigin) ?? false);
  const extensionCalls = calls.filter(isExtension);
  const extensionThreads = new Set(extensionCalls.map(thread).filter((t) => t !== thread(pageThread)));

  const tasksByThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.name !== 'ThreadControllerImpl::RunTask' || e.ph !== 'X' || e.dur === undefined) continue;
    const list = tasksByThread.get(thread(e)) ?? [];
    list.push(e);
    tasksByThread.set(thread(e), list);
  }
  const pageCalls = outermost(extensionCalls.filter((e) => thread(e) === thread(pageThread)));
  const result: LongTasks = {
    page: 0,
    pageByExtension: 0,
    extensionThreads: 0,
    extensionMs: pageCalls.reduce((total, call) => total + duration(call), 0) / 1000,
    maxExtensionMsInTask: 0,
  };
  let next = 0;
  for (const task of outermost(tasksByThread.get(thread(pageThread)) ?? [])) {
    const end = task.ts + (task.dur ?? 0);
    let extension = 0;
    while (next < pageCalls.length && (pageCalls[next]?.ts ?? Infinity) < end) {
      const call = pageCalls[next++];
      if (call && call.ts >= task.ts) extension += duration(call);
    }
    result.maxExtensionMsInTask = Math.max(result.maxExtensionMsInTask, extension / 1000);
    if (duration(task) <= LONG_TASK_US) continue;
    result.page += 1;
    if (extension > 0 && duration(task) - extension <= LONG_TASK_US) result.pageByExtension += 1;
  }
  for (const t of extensionThreads) {
    result.extensionThreads += outermost(tasksByThread.get(t) ?? []).filter((e) => duration(e) > LONG_TASK_US).length;
  }
  return result;
}

/** The events not nested in an earlier one (one thread's), by start. */
function outermost(events: TraceEvent[]): TraceEvent[] {
  const out: TraceEvent[] = [];
  let reach = -Infinity;
  for (const event of [...events].sort((a, b) => a.ts - b.ts)) {
    if (event.ts < reach) continue;
    out.push(event);
    reach = event.ts + (event.dur ?? 0);
  }
  return out;
}
