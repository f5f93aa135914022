import { beforeEach, describe, expect, it } from 'vitest';
import { closeSession } from '../../../lib/db/carry-forward';
import { addCheckIn, checkInsOf, isCheckInDue } from '../../../lib/db/checkins';
import { db } from '../../../lib/db/database';
import { feedbackFor, saveFeedback } from '../../../lib/db/feedback';
import { logWin, winsOf } from '../../../lib/db/wins';
import { menteeRelationship, occurrence } from './factory';

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

describe('wins', () => {
  it('are validated, trimmed and listed by day', async () => {
    const r = await menteeRelationship();
    await logWin(r.id, { text: ' Gave the talk ', on: '2026-11-10' });
    await logWin(r.id, { text: 'Promoted', on: '2026-11-24' });
    expect((await winsOf(r.id)).map((w) => w.text)).toEqual(['Gave the talk', 'Promoted']);
    await expect(logWin(r.id, { text: 'Bad date', on: '2026-13-01' })).rejects.toThrow();
    await expect(logWin(r.id, { text: '', on: '2026-11-24' })).rejects.toThrow(/must not be empty/);
    expect(await db.wins.count()).toBe(2);
  });
});

describe('check-ins', () => {
  it('fall due every third held session, counted from the last check-in', async () => {
    const r = await menteeRelationship();
    const sessions = [];
    for (const day of ['2026-11-03', '2026-11-10', '2026-11-17', '2026-11-24']) sessions.push(await occurrence(day));
    expect(await isCheckInDue(r.id)).toBe(false);
    await closeSession(sessions[0]?.id ?? '', 'held');
    expect(await isCheckInDue(r.id)).toBe(false);
    await closeSession(sessions[1]?.id ?? '', 'cancelled'); // cancelled sessions do not count
    expect(await isCheckInDue(r.id)).toBe(false);
    await closeSession(sessions[2]?.id ?? '', 'held');
    expect(await isCheckInDue(r.id)).toBe(true);

    await addCheckIn(r.id, { progress: 4, dynamic: 5, note: 'Good pace', sessionId: sessions[3]?.id });
    expect(await isCheckInDue(r.id)).toBe(false);
    expect((await checkInsOf(r.id)).map((c) => [c.progress, c.dynamic])).toEqual([[4, 5]]);
  });

  it('refuse ratings outside 1–5', async () => {
    const r = await menteeRelationship();
    await expect(addCheckIn(r.id, { progress: 0, dynamic: 3, note: '' })).rejects.toThrow('ratings go from 1 to 5');
    expect(await db.checkIns.count()).toBe(0);
  });
});

describe('feedback', () => {
  it('keeps one review per side and session, replacing the earlier version', async () => {
    await menteeRelationship();
    const session = await occurrence('2026-11-24');
    const first = await saveFeedback(session.id, 'me', { strengths: 'Clear', improvements: '' });
    const second = await saveFeedback(session.id, 'me', { strengths: 'Clear', improvements: 'Shorter intro' });
    await saveFeedback(session.id, 'them', { strengths: 'Prepared', improvements: '' });
    expect(second.id).toBe(first.id);
    expect(second.createdAt).toBe(first.createdAt);
    expect(await db.feedback.count()).toBe(2);
    expect((await feedbackFor(session.id, 'me'))?.improvements).toBe('Shorter intro');
    await expect(saveFeedback(session.id, 'me', { strengths: 'x'.repeat(10_001), improvements: '' })).rejects.toThrow(
      'must be at most 10,000 characters',
    );
    expect((await feedbackFor(session.id, 'me'))?.strengths).toBe('Clear');
  });
});
