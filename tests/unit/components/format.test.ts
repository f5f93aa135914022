import { describe, expect, it } from 'vitest';
import { agreementLine, cadenceLabel, timeUntil } from '../../../components/format';
import type { Agreement } from '../../../lib/model/relationship';

const agreement = (patch: Partial<Agreement>): Agreement => ({
  cadence: { kind: 'biweekly' },
  sessionMinutes: 45,
  channels: ['video'],
  mentorRole: '',
  menteeRole: '',
  mentorExpectations: '',
  menteeExpectations: '',
  boundaries: [],
  ...patch,
});

describe('agreementLine', () => {
  it('puts cadence, length and channels in one line', () => {
    expect(agreementLine(agreement({}))).toBe('every 2 weeks · 45 min · video');
    expect(agreementLine(agreement({ channels: ['in-person', 'chat'], sessionMinutes: 30 }))).toBe(
      'every 2 weeks · 30 min · in person, chat',
    );
    expect(agreementLine(agreement({ channels: [] }))).toBe('every 2 weeks · 45 min');
  });

  it.each([
    [{ kind: 'weekly' }, 'every week'],
    [{ kind: 'monthly' }, 'every month'],
    [{ kind: 'custom', rrule: 'FREQ=WEEKLY;INTERVAL=3;BYDAY=TU' }, 'every 3 weeks'],
    [{ kind: 'custom', rrule: 'RRULE:FREQ=MONTHLY;BYDAY=1MO' }, 'every month'],
    [{ kind: 'custom', rrule: 'FREQ=DAILY;INTERVAL=10' }, 'every 10 days'],
    // A frequency without a unit in words (HOURLY …) is a period, in the UI as in the Markdown export.
    [{ kind: 'custom', rrule: 'FREQ=HOURLY;INTERVAL=2' }, 'every 2 periods'],
  ] as const)('tells %j as "%s"', (cadence, label) => {
    expect(cadenceLabel(cadence)).toBe(label);
  });
});

describe('timeUntil', () => {
  it.each([
    [30_000, 'in 1 minute'],
    [35 * 60_000, 'in 35 minutes'],
    [60 * 60_000, 'in 1 hour'],
    [29 * 3600_000, 'in 29 hours'],
    [50 * 3600_000, 'in 2 days'],
  ])('%d ms is "%s"', (ms, text) => {
    expect(timeUntil(ms)).toBe(text);
  });
});
