import type { PanelToHost } from '../messaging';

/**
 * Hand-written validators for the messages content scripts receive, equivalent to the zod schemas
 * in `lib/messaging.ts` (tests/unit/hosts/guards.test.ts holds them to that). Kept here because
 * zod's runtime would take most of a content script's size budget. Strict like zod objects
 * are not: unknown keys are allowed, everything named must have the right type.
 */
export function isPanelToHost(value: unknown): value is PanelToHost {
  if (!isRecord(value) || value.ns !== 'tandem') return false;
  switch (value.type) {
    case 'panel/resize':
      return Number.isInteger(value.height) && (value.height as number) >= 0 && (value.height as number) <= 10_000;
    case 'panel/close':
      return true;
    default:
      return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
