import { useEffect } from 'preact/hooks';
import { splitInstanceId } from '../lib/hosts/calendar/eid';
import { postToHost } from '../lib/messaging';
import type { SessionTarget } from '../lib/model/session';
import { BrandMark } from './BrandMark';
import { NoteEditor } from './NoteEditor';
import { targetLabel } from './session-label';

/** The panel pinned to a Calendar event or docked in a Meet call. */
export function PanelApp({ target }: { target: SessionTarget }) {
  useReportHeight(target);
  const start = target.kind === 'calendar' ? splitInstanceId(target.eventId).originalStart : null;

  return (
    <main class="panel">
      <header class="panel-header">
        <p class="brand">
          <BrandMark />
          <strong>Tandem</strong>
        </p>
        <h1>{targetLabel(target, start)}</h1>
      </header>
      <NoteEditor target={target} />
    </main>
  );
}

/** Keeps the embedding iframe as tall as the panel's content. */
function useReportHeight(target: SessionTarget): void {
  useEffect(() => {
    const report = (): void =>
      postToHost(target, {
        ns: 'tandem',
        type: 'panel/resize',
        height: Math.ceil(document.documentElement.scrollHeight),
      });
    const observer = new ResizeObserver(report);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [target]);
}

/** Shown when the panel URL does not name a valid target (never expected from our content scripts). */
export function PanelError() {
  return (
    <main class="panel">
      <p role="alert">Tandem cannot tell which meeting this panel belongs to. Close it and open the event again.</p>
    </main>
  );
}
