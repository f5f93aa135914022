import { describe, expect, it } from 'vitest';
import { editPageEid } from '../../../../lib/hosts/calendar/urls';

const EID = 'NG1lbnRvcmluZ3NlcmllczAwMDAwMDAwMDBfMjAyNjExMjRUMTUwMDAwWiBtb3JnYW4ubWVudG9yQG0';

describe('editPageEid', () => {
  it.each([
    [`/calendar/u/0/r/eventedit/${EID}`, EID],
    [`/calendar/u/1/r/eventedit/${EID}/`, EID],
    [`/calendar/r/eventedit/${EID}`, EID],
    ['/calendar/u/0/r/eventedit/tasks_Vq3-Nm8sT_2kLx0Z', 'tasks_Vq3-Nm8sT_2kLx0Z'],
    ['/calendar/u/0/r/eventedit/%21%21not-base64%21%21', '!!not-base64!!'],
  ])('%s → the eid', (path, eid) => {
    expect(editPageEid(path)).toBe(eid);
  });

  it.each([
    ['/calendar/u/0/r/week/2026/11/23', 'the week'],
    ['/calendar/u/0/r/eventedit', 'a new event'],
    ['/calendar/u/0/r/eventedit/', 'a new event'],
    [`/calendar/u/0/r/eventedit/copy/${EID}`, 'a copy ("Duplicate"), not the event it came from'],
    ['/calendar/u/0/r/eventedit/%E0%A4%A', 'a malformed escape'],
    [`/calendar/u/0/r/eventeditor/${EID}`, 'another view'],
  ])('%s → null (%s)', (path) => {
    expect(editPageEid(path)).toBeNull();
  });
});
