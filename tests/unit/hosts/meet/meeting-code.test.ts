import { describe, expect, it } from 'vitest';
import { isMeetingCode, meetingCodeFromPath } from '../../../../lib/hosts/meet/meeting-code';

describe('meetingCodeFromPath', () => {
  it.each([
    ['/abc-defg-hij', 'abc-defg-hij'],
    ['/abc-defg-hij/', 'abc-defg-hij'],
    ['/ABC-DEFG-HIJ', 'abc-defg-hij'],
    ['/aaa-bbbb-ccc', 'aaa-bbbb-ccc'],
    ['/', null],
    ['', null],
    ['/landing', null],
    ['/new', null],
    ['/abc-defg-hi', null],
    ['/abc-defg-hijk', null],
    ['/abc_defg_hij', null],
    ['/lookup/abc-defg-hij', null],
    ['/%E0%A4%A', null],
  ])('%j → %j', (path, code) => {
    expect(meetingCodeFromPath(path)).toBe(code);
  });
});

describe('isMeetingCode', () => {
  it('accepts only the canonical lower-case form', () => {
    expect(isMeetingCode('auj-edcg-hkr')).toBe(true);
    expect(isMeetingCode('AUJ-EDCG-HKR')).toBe(false);
    expect(isMeetingCode('auj-edcg-hkr ')).toBe(false);
  });
});
