import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { setRelationshipStatus } from '../../../lib/db/relationships';
import { ensureSession, findSession, learnMeetCode, relationshipIdForCode } from '../../../lib/db/sessions';
import { trackEvent } from '../../../lib/db/tracking';
import { panelView } from '../../../lib/db/views';
import { menteeRelationship, occurrence } from './factory';

beforeEach(async () => {
  await db.delete({ disableAutoOpen: false });
});

const CODE = 'abc-defg-hij';
const call = { kind: 'meet', code: CODE } as const;

describe('findSession for a Meet call', () => {
  it('takes the session carrying the code whose start is nearest, within half a day', async () => {
    await menteeRelationship();
    const lastWeek = await occurrence('2026-11-17');
    const thisWeek = await occurrence('2026-11-24');
    await learnMeetCode(lastWeek.id, CODE);
    await learnMeetCode(thisWeek.id, CODE);

    expect((await findSession(call, '2026-11-24T15:10:00.000Z'))?.id).toBe(thisWeek.id);
    expect((await findSession(call, '2026-11-17T14:00:00.000Z'))?.id).toBe(lastWeek.id);
    // Two days later neither is "this call".
    expect(await findSession(call, '2026-11-26T15:00:00.000Z')).toBeUndefined();
  });

  it('never takes a code learned from the page over one the session already has', async () => {
    await menteeRelationship();
    const session = await occurrence('2026-11-24');
    await learnMeetCode(session.id, CODE);
    await learnMeetCode(session.id, 'xyz-abcd-efg');
    expect((await db.sessions.get(session.id))?.meetCode).toBe(CODE);
  });
});

describe('a call with a code used before', () => {
  it('is recognised as the same relationship and joins it as a new session', async () => {
    const r = await menteeRelationship();
    const earlier = await ensureSession(call, { start: '2026-11-17T15:00:00.000Z' });
    await trackEvent(call, { start: '2026-11-17T15:00:00.000Z' }, { relationshipId: r.id }, { wholeSeries: false });
    expect(await relationshipIdForCode(CODE)).toBe(r.id);

    // A week later, no session near now carries the code: the panel is "joining" the relationship.
    const view = await panelView(call);
    expect(view).toMatchObject({ kind: 'joining', relationship: { id: r.id } });
    const joined = await trackEvent(
      call,
      { start: new Date().toISOString() },
      { relationshipId: r.id },
      { wholeSeries: false },
    );
    expect(joined.id).not.toBe(earlier.id);
    expect(joined).toMatchObject({ relationshipId: r.id, meetCode: CODE });
  });

  it('is not joined to an ended relationship', async () => {
    const r = await menteeRelationship();
    await trackEvent(call, { start: '2026-11-17T15:00:00.000Z' }, { relationshipId: r.id }, { wholeSeries: false });
    await setRelationshipStatus(r.id, 'ended', '2026-11-20');
    expect((await panelView(call)).kind).toBe('untracked');
  });
});
