import { describe, expect, it } from 'vitest';
import { notMentoringCodes, setNotMentoring } from '../../../lib/models/not-mentoring';

describe('not-mentoring codes', () => {
  it('are remembered and forgotten per code', () => {
    setNotMentoring('abc-defg-hij', true);
    setNotMentoring('xyz-abcd-efg', true);
    setNotMentoring('abc-defg-hij', false);
    expect([...notMentoringCodes()]).toEqual(['xyz-abcd-efg']);
  });

  it('treat a damaged stored value as empty', () => {
    localStorage.setItem('tandem.notMentoringCodes.v1', '{not json');
    expect(notMentoringCodes().size).toBe(0);
    localStorage.setItem('tandem.notMentoringCodes.v1', JSON.stringify(['<script>', 'abc-defg-hij']));
    expect(notMentoringCodes().size).toBe(0);
    setNotMentoring('abc-defg-hij', true);
    expect([...notMentoringCodes()]).toEqual(['abc-defg-hij']);
  });
});
