import type { BrowserContext, Worker } from '@playwright/test';

/** The extension's service worker now (MV3 may have started a new one since the last look). */
export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/**
 * Sets the service worker's clock: `Date` says `at` now and moves on from there, as the pages'
 * clock does under `context.clock.setFixedTime` (which does not reach workers). Sync turns the
 * occurrences from a day ago to eight weeks ahead into sessions, so the worker must live in the
 * fixture Calendar's week whatever today is. Setting it again replaces the offset (it does not
 * stack). A worker MV3 restarts starts on the real clock: call this again then.
 */
export async function setWorkerClock(context: BrowserContext, at: Date): Promise<void> {
  const worker = await serviceWorker(context);
  await worker.evaluate((target) => {
    const scope = globalThis as unknown as { __tandemRealDate?: DateConstructor; Date: DateConstructor };
    const Real = scope.__tandemRealDate ?? Date;
    scope.__tandemRealDate = Real;
    const offset = target - Real.now();
    class ShiftedDate extends Real {
      constructor(...args: ConstructorParameters<DateConstructor> | []) {
        if (args.length === 0) super(Real.now() + offset);
        else super(...(args as ConstructorParameters<DateConstructor>));
      }
      static override now(): number {
        return Real.now() + offset;
      }
    }
    scope.Date = ShiftedDate as DateConstructor;
  }, at.getTime());
}

/** Moves the service worker's clock on by `ms` (the outbox's backoff passing, for instance). */
export async function advanceWorkerClock(context: BrowserContext, ms: number): Promise<void> {
  const worker = await serviceWorker(context);
  const now = await worker.evaluate(() => Date.now());
  await setWorkerClock(context, new Date(now + ms));
}
