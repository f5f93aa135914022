import { useEffect, useMemo } from 'preact/hooks';
import { splitInstanceId } from '../lib/hosts/calendar/eid';
import { postToHost } from '../lib/messaging';
import type { SessionTarget } from '../lib/model/session';
import { createSessionPanel } from '../lib/models/session-panel';
import { BrandMark } from './BrandMark';
import { NoteEditor } from './NoteEditor';
import { NoticeBar } from './panel/NoticeBar';
import { SessionPanel } from './panel/SessionPanel';
import { TrackEvent } from './panel/TrackEvent';
import { targetLabel } from './session-label';

/** The panel pinned to a Calendar event or docked in a Meet call. */
export function PanelApp({ target }: { target: SessionTarget }) {
  useReportHeight(target);
  const hints = useMemo(() => {
    if (target.kind !== 'calendar') return {};
    const { seriesId, originalStart } = splitInstanceId(target.eventId);
    return { seriesId, start: originalStart };
  }, [target]);
  const model = useMemo(() => createSessionPanel(target, hints), [target, hints]);
  useEffect(() => () => model.dispose(), [model]);
  const state = model.state.value;

  const body = (() => {
    if (state.status === 'loading') return <p class="muted">Loading…</p>;
    if (state.status === 'error') {
      return <p role="alert">Tandem could not read its data on this device: {String(state.error)}</p>;
    }
    const view = state.value;
    if (view.kind === 'tracked')
      return <SessionPanel model={model} view={view.view} bySeries={view.bySeries} target={target} />;
    if (view.kind === 'joining') return <p class="muted">Opening the agenda for {view.relationship.other.name}…</p>;
    return (
      <>
        {target.kind === 'calendar' && (
          <TrackEvent model={model} relationships={view.relationships} recurring={Boolean(hints.seriesId)} />
        )}
        {/* Anything already written here stays reachable, tracked or not. */}
        {(target.kind === 'meet' || view.session) && <NoteEditor target={target} />}
      </>
    );
  })();

  const tracked = state.status === 'ready' && state.value.kind === 'tracked';
  return (
    <main class="panel" data-state={state.status === 'ready' ? state.value.kind : state.status}>
      {!tracked && (
        <header class="panel-header">
          <p class="brand">
            <BrandMark />
            <strong>Tandem</strong>
          </p>
          <h1>{targetLabel(target, hints.start ?? null)}</h1>
        </header>
      )}
      {body}
      <NoticeBar model={model} />
      <p class="visually-hidden" aria-live="polite">
        {model.announcement.value}
      </p>
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
        // The body's own height: the document's scrollHeight never drops below the frame's, so
        // the frame could grow but never shrink back.
        height: Math.ceil(document.body.getBoundingClientRect().height),
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
