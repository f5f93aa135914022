import { z } from 'zod/mini';
import { MeetingCode } from '../model/session';

/**
 * Meet codes the user said are not mentoring calls, so the sidebar stops asking. Kept in the
 * extension origin's localStorage (shared by the panel, side panel and popup, no permission
 * needed); versioned key, validated on read so a damaged value is treated as empty.
 */
const KEY = 'tandem.notMentoringCodes.v1';
const Codes = z.array(MeetingCode);

export function notMentoringCodes(store: Storage = localStorage): Set<string> {
  try {
    const parsed = Codes.safeParse(JSON.parse(store.getItem(KEY) ?? '[]'));
    return new Set(parsed.success ? parsed.data : []);
  } catch {
    return new Set();
  }
}

export function setNotMentoring(code: string, notMentoring: boolean, store: Storage = localStorage): void {
  const codes = notMentoringCodes(store);
  if (notMentoring) codes.add(code);
  else codes.delete(code);
  store.setItem(KEY, JSON.stringify([...codes]));
}
