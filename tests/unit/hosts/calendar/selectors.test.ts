import { afterEach, describe, expect, it, vi } from 'vitest';
import { calendarSelectors, find, findExpected, matches } from '../../../../lib/hosts/calendar/selectors';

afterEach(() => {
  document.body.replaceChildren();
  document.body.removeAttribute('data-viewfamily');
});

/** The bubble's nesting from the capture, with Google's names as given (a renamed page changes them). */
function bubble({ id = 'xDetDlg', jsname = 'ssXDle', eid = 'ZWlk' as string | null } = {}): HTMLElement {
  const dialog = document.createElement('div');
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('jsname', jsname);
  dialog.setAttribute('data-chips-dialog', 'true');
  const slot = document.createElement('span');
  const details = document.createElement('div');
  details.id = id;
  if (eid !== null) details.setAttribute('data-eventid', eid);
  const menu = document.createElement('div'); // the action menu inside carries the eid too
  if (eid !== null) menu.setAttribute('data-eventid', eid);
  details.append(menu);
  slot.append(details);
  dialog.append(slot);
  document.body.append(dialog);
  return details;
}

describe('calendar selectors', () => {
  it('every name has at least one variant, and none matches on visible text or localized labels', () => {
    for (const [name, variants] of Object.entries(calendarSelectors)) {
      expect(variants.length, name).toBeGreaterThan(0);
      for (const variant of variants) expect(variant, name).not.toMatch(/aria-label|:contains|title=/);
    }
  });

  it('finds the bubble’s details by id, and by structure once Google renames its ids', () => {
    const details = bubble();
    expect(find('eventDetails')).toBe(details);
    document.body.replaceChildren();

    const renamed = bubble({ id: 'glDteDx', jsname: 'elDXss' });
    expect(find('eventDetails', document, { fallbacks: false })).toBeNull();
    expect(find('eventDetails')).toBe(renamed); // the outermost eid in the dialog, not the menu's
    expect(find('eventDialog')).toBe(renamed.closest('[role="dialog"]'));
  });

  it('event chips in a dialog (month view’s "more events") are not event details', () => {
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    const chip = document.createElement('div');
    chip.setAttribute('data-eventchip', '');
    chip.setAttribute('data-eventid', 'ZWlk');
    dialog.append(chip);
    document.body.append(dialog);
    expect(find('eventDetails')).toBeNull();
  });

  it('a broken bubble (no eid anywhere) is still recognised as a bubble, and the selector is named once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    bubble({ id: 'glDteDx', jsname: 'elDXss', eid: null });
    expect(find('eventDetails')).toBeNull();
    const dialog = find('eventDialog');
    expect(dialog).not.toBeNull();
    findExpected('eventDetails', dialog ?? document);
    findExpected('eventDetails', dialog ?? document);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.join(' ')).toContain('[Tandem] calendar: selector "eventDetails" found nothing');
  });

  it('the edit page: its body, and its "Event details" tab by id or by what it holds', () => {
    document.body.setAttribute('data-viewfamily', 'EVENT');
    expect(matches('editPage', document.body)).toBe(false);
    document.body.setAttribute('data-viewfamily', 'EVENT_EDIT');
    expect(matches('editPage', document.body)).toBe(true);

    const tab = document.createElement('span');
    tab.setAttribute('role', 'tabpanel');
    tab.id = 'tabEventDetails';
    const editor = document.createElement('div');
    editor.setAttribute('role', 'textbox');
    editor.setAttribute('contenteditable', 'true');
    tab.append(editor);
    const other = document.createElement('span');
    other.setAttribute('role', 'tabpanel');
    document.body.append(other, tab);
    expect(find('editDetails', document, { fallbacks: false })).toBe(tab);
    tab.id = 'sliateDtnevEbat';
    expect(find('editDetails', document, { fallbacks: false })).toBeNull();
    expect(find('editDetails')).toBe(tab);
  });
});
