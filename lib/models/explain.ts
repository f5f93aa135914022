/** A failure in words a user can act on; zod errors name the field. */
export function explain(error: unknown): string {
  if (error instanceof Error && 'issues' in error && Array.isArray(error.issues)) {
    const first = error.issues[0] as { path?: PropertyKey[]; message?: string } | undefined;
    if (first)
      return `${first.path?.length ? `${first.path.map(String).join('.')} ` : ''}${first.message ?? ''}`.trim();
  }
  if (error instanceof Error && error.name === 'QuotaExceededError') return 'the browser has no space left for Tandem';
  return error instanceof Error ? error.message : String(error);
}
