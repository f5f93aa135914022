/** Two interlocking rings: two people, one journey. Decorative; the text beside it names it. */
export function BrandMark({ size = 18 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="9" cy="12" r="6" fill="none" stroke="currentColor" stroke-width="2.5" />
      <circle cx="15" cy="12" r="6" fill="none" stroke="currentColor" stroke-width="2.5" />
    </svg>
  );
}
