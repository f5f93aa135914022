import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { observeChanges, rateLimit } from '../../../lib/hosts/observe';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
const mutate = (times: number) => {
  for (let i = 0; i < times; i++) document.body.append(document.createElement('span'));
};

let lifetime: AbortController;
beforeEach(() => {
  lifetime = new AbortController();
});
afterEach(() => {
  lifetime.abort();
  document.body.replaceChildren();
});

describe('observeChanges', () => {
  it('runs the pass at once, then once per frame however many changes came in it', async () => {
    const update = vi.fn();
    observeChanges(document.body, update, lifetime.signal);
    expect(update).toHaveBeenCalledTimes(1);
    mutate(50);
    await Promise.resolve(); // the observer's callback
    mutate(50);
    await nextFrame();
    expect(update).toHaveBeenCalledTimes(2);
    await nextFrame();
    expect(update).toHaveBeenCalledTimes(2); // a quiet page costs nothing
  });

  it('every watcher of a root shares one MutationObserver', async () => {
    const created = vi.spyOn(globalThis, 'MutationObserver');
    const first = vi.fn();
    const second = vi.fn();
    observeChanges(document.body, first, lifetime.signal);
    observeChanges(document.body, second, lifetime.signal);
    expect(created).toHaveBeenCalledTimes(1);
    mutate(1);
    await nextFrame();
    expect(first).toHaveBeenCalledTimes(2);
    expect(second).toHaveBeenCalledTimes(2);
  });

  it('what a pass itself changes does not schedule another pass, but later changes do', async () => {
    let passes = 0;
    observeChanges(
      document.body,
      () => {
        passes += 1;
        if (passes === 2) mutate(1); // e.g. inserting the panel
      },
      lifetime.signal,
    );
    mutate(1);
    await nextFrame();
    await nextFrame();
    expect(passes).toBe(2);
    mutate(1);
    await nextFrame();
    expect(passes).toBe(3);
  });

  it('a page that keeps changing right after every pass gets a pass every 200 ms, until it pauses', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'performance'] });
    try {
      const passes: number[] = [];
      observeChanges(document.body, () => passes.push(performance.now()), lifetime.signal);
      passes.length = 0;
      // A change every 5 ms for 1.2 s: what thousands of mutations a second in small tasks look like.
      for (let t = 0; t < 1200; t += 5) {
        mutate(1);
        await Promise.resolve(); // the observer's callback
        await vi.advanceTimersByTimeAsync(5);
      }
      // A pass every frame (16 ms) for the first 200 ms, then one per 200 ms: not 60 a second.
      const early = passes.filter((at) => at < 200);
      const late = passes.filter((at) => at >= 300);
      expect(early.length).toBeGreaterThanOrEqual(10);
      expect(late.length).toBeGreaterThanOrEqual(4);
      expect(late.length).toBeLessThanOrEqual(5);
      expect(late.slice(1).every((at, i) => at - (late[i] ?? 0) >= 200)).toBe(true);

      // After a pause, a change gets its pass in the next frame again.
      await vi.advanceTimersByTimeAsync(400);
      const before = passes.length;
      mutate(1);
      await Promise.resolve();
      await vi.advanceTimersByTimeAsync(20);
      expect(passes.length).toBe(before + 1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a burst of changes, each a frame after the last pass, keeps a pass per frame', async () => {
    const update = vi.fn();
    observeChanges(document.body, update, lifetime.signal);
    for (let i = 0; i < 8; i++) {
      mutate(1);
      await nextFrame();
      expect(update).toHaveBeenCalledTimes(i + 2);
    }
  });

  it('a requested pass runs only for the watcher that asked', async () => {
    const first = vi.fn();
    const second = vi.fn();
    const request = observeChanges(document.body, first, lifetime.signal);
    observeChanges(document.body, second, lifetime.signal);
    request();
    request();
    await nextFrame();
    expect(first).toHaveBeenCalledTimes(2);
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('a pass that throws is logged and does not cost the other watchers theirs', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    let armed = false;
    observeChanges(
      document.body,
      () => {
        if (armed) throw new Error('broken feature');
      },
      lifetime.signal,
    );
    const other = vi.fn();
    observeChanges(document.body, other, lifetime.signal);
    armed = true;
    mutate(1);
    await nextFrame();
    expect(other).toHaveBeenCalledTimes(2);
    expect(error).toHaveBeenCalledTimes(1);
    mutate(1);
    await nextFrame();
    expect(other).toHaveBeenCalledTimes(3); // still observing
  });

  it('stops when its lifetime ends, and the observer goes with the last watcher', async () => {
    const other = new AbortController();
    const update = vi.fn();
    const kept = vi.fn();
    observeChanges(document.body, update, lifetime.signal);
    const request = observeChanges(document.body, kept, other.signal);
    lifetime.abort();
    mutate(1);
    await nextFrame();
    expect(update).toHaveBeenCalledTimes(1);
    expect(kept).toHaveBeenCalledTimes(2);

    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    other.abort();
    expect(disconnect).toHaveBeenCalled();
    request();
    mutate(1);
    await nextFrame();
    expect(kept).toHaveBeenCalledTimes(2);
  });
});

describe('rateLimit', () => {
  it('says yes at most once per interval, and after a no retries when the interval is over', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const retry = vi.fn();
      const mayWalk = rateLimit(250, retry, lifetime.signal);
      expect(mayWalk()).toBe(true);
      expect(mayWalk()).toBe(false);
      expect(mayWalk()).toBe(false);
      vi.advanceTimersByTime(249);
      expect(retry).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(retry).toHaveBeenCalledTimes(1); // once, however many noes
      expect(mayWalk()).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('no retry after the lifetime ends', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const retry = vi.fn();
      const mayWalk = rateLimit(250, retry, lifetime.signal);
      mayWalk();
      mayWalk();
      lifetime.abort();
      vi.advanceTimersByTime(1000);
      expect(retry).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
