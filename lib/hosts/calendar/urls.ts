/**
 * The eid in the path of Calendar's full-page event editor, `/calendar/u/<n>/r/eventedit/<eid>`
 * (design.md §3), or `null` on any other page. `eventedit` alone is a new event and
 * `eventedit/copy/<eid>` ("Duplicate") a new event copied from another: neither has an id yet.
 */
export function editPageEid(pathname: string): string | null {
  const match = /\/r\/eventedit\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null; // a malformed %-escape: not a path Calendar made
  }
}
