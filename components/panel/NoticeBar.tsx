import type { SessionPanelModel } from '../../lib/models/session-panel';

/** The panel's one message line: a failure (assertive), or a change that can be undone. */
export function NoticeBar({ model }: { model: SessionPanelModel }) {
  const notice = model.notice.value;
  if (!notice) return null;
  return (
    <div class="notice" data-kind={notice.kind} role={notice.kind === 'problem' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      {notice.kind === 'undo' && (
        <button type="button" class="link" onClick={() => void notice.undo()}>
          Undo
        </button>
      )}
      <button type="button" class="icon" aria-label="Dismiss message" onClick={model.dismissNotice}>
        ×
      </button>
    </div>
  );
}
