import type { Agreement } from '../../lib/model/relationship';

/** The plainest agreement: weekly, 45 minutes, by video, nothing else said. For tests that need one. */
export const WEEKLY_AGREEMENT: Agreement = {
  cadence: { kind: 'weekly' },
  sessionMinutes: 45,
  channels: ['video'],
  mentorRole: '',
  menteeRole: '',
  mentorExpectations: '',
  menteeExpectations: '',
  boundaries: [],
};
