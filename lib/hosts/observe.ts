import { log } from '../log';

/**
 * Calls `update` once now and then at most once per animation frame while `root`'s subtree
 * changes. Observation, not polling: a quiet page costs nothing.
 *
 * Returns a function that asks for a pass in the next frame for a change the DOM does not show
 * (a message arrived); it shares the frame with mutations, so there is still at most one pass.
 *
 * What a busy page costs is the number of times it wakes the content script: on a page changing
 * thousands of times a second, each wake-up costs tens of microseconds however little it does (the
 * caches are cold), while a pass reads the DOM as it is and needs no change one by one. So:
 * - every caller watching the same root shares one MutationObserver and one pass callback;
 * - the observer is disconnected from the first change until the passes have run, so changes made
 *   meanwhile cost nothing, nor do the passes' own (inserting a panel);
 * - a page that has kept changing right after every pass for `BUSY_AFTER_MS` gets a pass every
 *   `BUSY_INTERVAL_MS` instead of every frame, until it pauses. Bursts (a user opening an event,
 *   navigating) are far shorter and keep their pass in the next frame.
 * The `calendar.mutations.ms-per-s` bench row holds this to its budget.
 */
export function observeChanges(root: Node, update: () => void, signal: AbortSignal): () => void {
  if (signal.aborted) return () => {};
  const shared = watchOf(root);
  const watcher: Watcher = { update, due: false };
  shared.watchers.add(watcher);
  signal.addEventListener('abort', () => unwatch(root, shared, watcher), { once: true });
  update();
  return () => {
    if (signal.aborted) return;
    watcher.due = true;
    schedule(shared, 0);
  };
}

/** A change sooner than this after a pass counts as "right after" it (ms). */
const BUSY_GAP_MS = 50;
/** How long changes must have come right after every pass for the page to count as busy (ms). */
const BUSY_AFTER_MS = 200;
/** Passes on a busy page: at most one per this interval (ms). */
const BUSY_INTERVAL_MS = 200;

interface Watcher {
  update: () => void;
  /** Changed since this watcher's last pass (or it asked for one). */
  due: boolean;
}

interface Watch {
  root: Node;
  observer: MutationObserver;
  watchers: Set<Watcher>;
  observing: boolean;
  /** The pending pass: an animation frame, or a timer on a busy page. */
  pending: { frame: number } | { timer: ReturnType<typeof setTimeout> } | null;
  lastPass: number;
  /** Since when every pass was followed by a change within BUSY_GAP_MS, or null. */
  busySince: number | null;
}

const OPTIONS: MutationObserverInit = { childList: true, subtree: true };
const watches = new WeakMap<Node, Watch>();

/**
 * Bench builds only (`wxt build --mode bench`; shipped builds carry none of this, the mode is a
 * build-time constant): the main-thread time spent in observer callbacks and passes, for the
 * `calendar.mutations.ms-per-s` row. tests/bench/mutations.ts dispatches `tandem-bench:observe` on
 * the document and reads the answer from the name of a `performance.measure`, which every world sees.
 */
const cost = { ms: 0, calls: 0, longest: 0 };
if (import.meta.env.MODE === 'bench') {
  document.addEventListener('tandem-bench:observe', () => {
    performance.measure(`tandem:observe ms=${cost.ms} calls=${cost.calls} longest=${cost.longest}`);
  });
}

function timed(work: () => void): () => void {
  if (import.meta.env.MODE !== 'bench') return work;
  return () => {
    const start = performance.now();
    try {
      work();
    } finally {
      const ms = performance.now() - start;
      cost.ms += ms;
      cost.calls += 1;
      cost.longest = Math.max(cost.longest, ms);
    }
  };
}

function watchOf(root: Node): Watch {
  const existing = watches.get(root);
  if (existing) return existing;
  const shared: Watch = {
    root,
    observer: new MutationObserver(
      timed(() => {
        for (const watcher of shared.watchers) watcher.due = true;
        // Until the passes, further changes would only hand us records we never read.
        shared.observer.disconnect();
        shared.observing = false;
        const now = performance.now();
        if (now - shared.lastPass >= BUSY_GAP_MS) shared.busySince = null;
        else shared.busySince ??= shared.lastPass;
        const busy = shared.busySince !== null && now - shared.busySince >= BUSY_AFTER_MS;
        schedule(shared, busy ? shared.lastPass + BUSY_INTERVAL_MS - now : 0);
      }),
    ),
    watchers: new Set(),
    observing: false,
    pending: null,
    lastPass: Number.NEGATIVE_INFINITY,
    busySince: null,
  };
  watches.set(root, shared);
  connect(shared);
  return shared;
}

function connect(shared: Watch): void {
  if (shared.observing) return;
  shared.observer.observe(shared.root, OPTIONS);
  shared.observing = true;
}

/** Passes in the next frame, or after `delay` ms (a busy page). */
function schedule(shared: Watch, delay: number): void {
  if (shared.pending) return;
  const run = timed(() => runPasses(shared));
  shared.pending = delay > 0 ? { timer: setTimeout(run, delay) } : { frame: requestAnimationFrame(run) };
}

function runPasses(shared: Watch): void {
  shared.pending = null;
  for (const watcher of [...shared.watchers]) {
    if (!watcher.due || !shared.watchers.has(watcher)) continue;
    watcher.due = false;
    try {
      watcher.update();
    } catch (error) {
      // One feature's failing pass must not cost the others theirs.
      log.error('observe', error);
    }
  }
  shared.lastPass = performance.now();
  if (shared.watchers.size > 0) connect(shared);
}

function unwatch(root: Node, shared: Watch, watcher: Watcher): void {
  shared.watchers.delete(watcher);
  if (shared.watchers.size > 0) return;
  shared.observer.disconnect();
  shared.observing = false;
  const pending = shared.pending;
  if (pending && 'frame' in pending) cancelAnimationFrame(pending.frame);
  else if (pending) clearTimeout(pending.timer);
  shared.pending = null;
  watches.delete(root);
}

/**
 * For work a pass should not do every time because it walks the whole page (fallback selectors):
 * the returned function says yes at most once per `intervalMs`. After a no it makes sure `retry`
 * runs once the interval is over, so that work is postponed, never dropped, even when the page
 * goes quiet.
 */
export function rateLimit(intervalMs: number, retry: () => void, signal: AbortSignal): () => boolean {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return () => {
    const now = performance.now();
    if (now - last >= intervalMs) {
      last = now;
      return true;
    }
    if (timer === undefined && !signal.aborted) {
      timer = setTimeout(
        () => {
          timer = undefined;
          retry();
        },
        last + intervalMs - now,
      );
    }
    return false;
  };
}
