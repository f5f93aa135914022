import { log } from '../log';

/**
 * One host-page feature (refined-github style): a file named after its id, started once per page
 * with the content script's lifetime signal. Features never see each other's failures.
 */
export interface Feature {
  id: string;
  init(signal: AbortSignal): void | Promise<void>;
}

/**
 * Where the running instance leaves its lifetime signal: in the content scripts' isolated world
 * (the page cannot see it), so that the background can tell a tab where Tandem already runs
 * (lib/background/reinject.ts). Newer instances replace older ones (WXT stops the older).
 */
export const RUNNING = Symbol.for('tandem.features.running');

/** Starts every feature without awaiting any; a throwing or rejecting feature is logged by id. */
export function runFeatures(features: readonly Feature[], signal: AbortSignal): void {
  (globalThis as { [RUNNING]?: AbortSignal })[RUNNING] = signal;
  for (const feature of features) {
    try {
      const started = feature.init(signal);
      if (started) started.catch((error: unknown) => log.error(feature.id, error));
    } catch (error) {
      log.error(feature.id, error);
    }
  }
}
