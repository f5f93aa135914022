/**
 * `extendedProperties`: Google's limits and the `privateExtendedProperty` /
 * `sharedExtendedProperty` list filters.
 *
 * Limits, from the extended properties guide: a key longer than 44 characters is *silently
 * dropped* and a value longer than 1024 characters *silently truncated*; an event holds at most
 * 300 properties and 32 kB of them in total. The guide gives no error body for the last two; we
 * answer 400 with the message Google gives for oversized event data.
 */

import { errors } from './errors.ts';

export const MAX_KEY_LENGTH = 44;
export const MAX_VALUE_LENGTH = 1024;
export const MAX_PROPERTIES = 300;
export const MAX_TOTAL_BYTES = 32 * 1024;

export type Properties = Record<string, string>;

/**
 * A properties object from a request, cleaned as Google stores it. `null` values are kept (they
 * delete a key in a patch). With `reject`, oversized keys and values are a 400 instead.
 */
export function cleanProperties(input: unknown, reject: boolean): Record<string, string | null> {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) throw errors.invalid('Invalid value for: extendedProperties');
  const out: Record<string, string | null> = {};
  for (const [key, raw] of Object.entries(input)) {
    if (raw !== null && typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      throw errors.invalid(`Invalid value for: extendedProperties.${key}`);
    }
    const value = raw === null ? null : String(raw);
    const tooLong = key.length > MAX_KEY_LENGTH || (value !== null && value.length > MAX_VALUE_LENGTH);
    if (tooLong && reject) throw errors.sizeLimit();
    if (key.length > MAX_KEY_LENGTH) continue;
    out[key] = value === null ? null : value.slice(0, MAX_VALUE_LENGTH);
  }
  return out;
}

/** Applies cleaned patch values to stored properties: `null` deletes, anything else sets. */
export function mergeProperties(current: Properties | undefined, patch: Record<string, string | null>): Properties {
  const out: Properties = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** Throws 400 when one calendar's view of an event carries more than Google allows. */
export function checkTotals(shared: Properties | undefined, own: Properties | undefined): void {
  const all = [...Object.entries(shared ?? {}), ...Object.entries(own ?? {})];
  const bytes = all.reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (all.length > MAX_PROPERTIES || bytes > MAX_TOTAL_BYTES) throw errors.sizeLimit();
}

/** `key=value` constraints of a list request; a malformed one is Google's 400. */
export function parseConstraints(values: string[], parameter: string): Array<[string, string]> {
  return values.map((constraint) => {
    const eq = constraint.indexOf('=');
    if (eq <= 0) throw errors.invalidParameter(parameter);
    return [constraint.slice(0, eq), constraint.slice(eq + 1)];
  });
}

/**
 * Whether properties satisfy every constraint. The events.list reference says a repeated parameter
 * matches events that satisfy *all* given constraints (the extended-properties guide says "OR";
 * the reference is what the API is specified by, so we follow it).
 */
export function matchesAll(properties: Properties | undefined, constraints: Array<[string, string]>): boolean {
  return constraints.every(([key, value]) => properties?.[key] === value);
}
