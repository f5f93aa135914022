/** Meet meeting codes: `abc-defg-hij`, the first path segment of a call URL (design.md §6). */
const CODE = /^[a-z]{3}-[a-z]{4}-[a-z]{3}$/;

/** The meeting code of a Meet URL path (`/abc-defg-hij`, `/abc-defg-hij/…`), or `null` (landing, `/`, `/new`…). */
export function meetingCodeFromPath(pathname: string): string | null {
  const first = pathname.split('/').find((segment) => segment !== '') ?? '';
  const candidate = safeDecode(first).toLowerCase();
  return CODE.test(candidate) ? candidate : null;
}

export function isMeetingCode(value: string): boolean {
  return CODE.test(value);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}
