import { log } from '../log';

/**
 * One host-page feature (refined-github style): a file named after its id, started once per page
 * with the content script's lifetime signal. Features never see each other's failures.
 */
export interface Feature {
  id: string;
  init(signal: AbortSignal): void | Promise<void>;
}

/** Starts every feature without awaiting any; a throwing or rejecting feature is logged by id. */
export function runFeatures(features: readonly Feature[], signal: AbortSignal): void {
  for (const feature of features) {
    try {
      const started = feature.init(signal);
      if (started) started.catch((error: unknown) => log.error(feature.id, error));
    } catch (error) {
      log.error(feature.id, error);
    }
  }
}
