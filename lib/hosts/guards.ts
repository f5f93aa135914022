import type { BadgesToHost, PanelToHost } from '../messaging';
import { MAX_BADGE_REFS } from '../ports';

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

export function isBadgesToHost(value: unknown): value is BadgesToHost {
  if (!isRecord(value) || value.ns !== 'tandem' || value.type !== 'badges/markers') return false;
  const { markers } = value;
  if (!Array.isArray(markers) || markers.length > MAX_BADGE_REFS) return false;
  // for…of, not every(): a sparse array's holes are undefined to zod, and every() would skip them.
  for (const marker of markers) if (!isChipMarker(marker)) return false;
  return true;
}

function isChipMarker(value: unknown): boolean {
  return (
    isRecord(value) &&
    isLengthBetween(value.calendarId, 3, 1024) &&
    isLengthBetween(value.eventId, 1, 1024) &&
    Number.isSafeInteger(value.agendaItems) &&
    (value.agendaItems as number) >= 0 &&
    typeof value.cancelled === 'boolean'
  );
}

function isLengthBetween(value: unknown, min: number, max: number): boolean {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
