import { useEffect, useRef } from 'preact/hooks';
import type { Notice as NoticeValue } from '../lib/models/notice';

/**
 * The one message line of a page: a problem is announced assertively, the rest politely. With
 * `focusUndo`, an undoable change puts the focus on its Undo button (for changes that take away what
 * had the focus, such as a deletion).
 */
export function Notice({
  notice,
  onDismiss,
  focusUndo = false,
}: {
  notice: NoticeValue | null;
  onDismiss: () => void;
  focusUndo?: boolean;
}) {
  const undo = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusUndo && notice?.kind === 'undo') undo.current?.focus();
  }, [focusUndo, notice]);
  if (!notice) return null;
  const { kind, text } = notice;
  return (
    <div class="notice" data-kind={kind} role={kind === 'problem' ? 'alert' : 'status'}>
      <span>{text}</span>
      {kind === 'undo' && (
        <button type="button" class="link" ref={undo} onClick={() => void notice.undo()}>
          Undo
        </button>
      )}
      <button type="button" class="icon" aria-label="Dismiss message" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
