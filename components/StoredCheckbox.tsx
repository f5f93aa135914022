import { useEffect, useState } from 'preact/hooks';

/**
 * A checkbox for a value kept in the database. The box shows the user's click at once and keeps
 * showing it until the stored value catches up: a re-render with the value read just before the
 * write (another live query settling, say) must not flip the box back under the user's pointer.
 * When the write fails (`onChange` resolves to `false`) the box returns to the stored value; the
 * caller has already said why.
 */
export function StoredCheckbox({
  checked,
  onChange,
  disabled,
  'aria-label': label,
}: {
  checked: boolean;
  onChange: (checked: boolean) => Promise<boolean>;
  disabled?: boolean;
  'aria-label'?: string;
}) {
  const [pending, setPending] = useState<boolean | null>(null);
  useEffect(() => {
    if (pending === checked) setPending(null);
  }, [pending, checked]);
  return (
    <input
      type="checkbox"
      disabled={disabled}
      aria-label={label}
      checked={pending ?? checked}
      onChange={(e) => {
        const next = e.currentTarget.checked;
        setPending(next);
        void onChange(next)
          .catch(() => false)
          .then((saved) => {
            if (!saved) setPending(null);
          });
      }}
    />
  );
}
