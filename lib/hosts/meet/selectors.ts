/**
 * What Tandem recognises on meet.google.com, in one place. Variants are tried in order; each
 * carries the month it was seen. Attributes, structure and Material icon names (the same in every
 * UI language), never Google's visible text or localized labels.
 */
export const meetSelectors = {
  /** The control that ends the call (only present while in a call). */
  leaveControl: [
    // 2026-06: div[jscontroller][data-should-confirm-hangup] > span > button[aria-label="Leave call"]
    '[data-should-confirm-hangup] button',
  ],
} as const satisfies Record<string, readonly string[]>;

/** The Material Symbols ligature of the leave button's icon: text, but not translated. */
const LEAVE_ICON = 'call_end';

/**
 * The leave-call button, or `null` when not in a call: by its known container first, then by its
 * icon's ligature name (survives renamed attributes and classes).
 */
export function findLeaveControl(root: ParentNode = document): Element | null {
  for (const variant of meetSelectors.leaveControl) {
    const found = root.querySelector(variant);
    if (found) return found;
  }
  for (const icon of root.querySelectorAll('button i, button span[aria-hidden="true"]')) {
    if (icon.textContent?.trim() === LEAVE_ICON) return icon.closest('button');
  }
  return null;
}
