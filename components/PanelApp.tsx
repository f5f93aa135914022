import { useEffect, useMemo, useRef } from 'preact/hooks';
import { splitInstanceId } from '../lib/hosts/calendar/eid';
import { isMeetingCode } from '../lib/hosts/meet/meeting-code';
import { onHostMessage, postToHost } from '../lib/messaging';
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
    const meet = new URLSearchParams(location.hash.slice(1)).get('meet');
    return { seriesId, start: originalStart, meetCode: meet && isMeetingCode(meet) ? meet : null };
  }, [target]);
  const model = useMemo(() => createSessionPanel(target, hints), [target, hints]);
  useEffect(() => () => model.dispose(), [model]);
  // The Meet page tells us when the user leaves the call, by message or (when it opened the panel
  // for that) in the URL fragment.
  // Calendar may show the event's video link only after the panel opened: the page then adds the
  // code to our URL fragment (lib/hosts/panel-frame.ts addHint), without reloading us.
  useEffect(() => {
    const onHash = (): void => {
      const meet = new URLSearchParams(location.hash.slice(1)).get('meet');
      if (meet && isMeetingCode(meet)) model.meetCodeFound(meet);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [model]);
  useEffect(() => {
    if (new URLSearchParams(location.hash.slice(1)).get('wrapup') === 'left') model.startWrapUp('left');
    return onHostMessage(target, (message) => {
      if (message.type === 'host/call-ended') model.startWrapUp('left');
    });
  }, [model, target]);
  const state = model.state.value;
  useFocusAfterTracking(state.status === 'ready' ? state.value.kind : state.status);

  const body = (() => {
    if (state.status === 'loading') return <p class="muted">Loading…</p>;
    if (state.status === 'error') {
      return <p role="alert">Tandem could not read its data on this device: {String(state.error)}</p>;
    }
    const view = state.value;
    if (view.kind === 'tracked')
      return <SessionPanel model={model} view={view.view} bySeries={view.bySeries} target={target} />;
    if (view.kind === 'joining') return <p class="muted">Opening the agenda for {view.relationship.other.name}…</p>;
    if (target.kind === 'meet' && model.notMentoring.value) {
      return (
        <>
          <p class="muted small">
            Not a mentoring call: Tandem will not ask again for this meeting code.{' '}
            <button type="button" class="link" onClick={() => model.setNotMentoring(false)}>
              It is one after all
            </button>
          </p>
          <NoteEditor target={target} />
        </>
      );
    }
    return (
      <>
        {target.kind === 'meet' && (
          <p class="small">Which mentoring relationship is this call for? Tandem will remember it for this code.</p>
        )}
        <TrackEvent
          model={model}
          relationships={view.relationships}
          recurring={Boolean(hints.seriesId)}
          startOpen={target.kind === 'meet'}
        />
        {target.kind === 'meet' && (
          <button type="button" class="link small" onClick={() => model.setNotMentoring(true)}>
            Not a mentoring call
          </button>
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

/**
 * When the track form that held focus goes away because tracking worked, focus moves to the new
 * agenda field instead of being dropped on the page (where the panel's shortcuts cannot hear keys).
 */
function useFocusAfterTracking(kind: string): void {
  const previous = useRef(kind);
  useEffect(() => {
    const was = previous.current;
    previous.current = kind;
    if (was === 'tracked' || kind !== 'tracked' || !document.hasFocus()) return;
    if (document.activeElement === document.body || document.activeElement === null) {
      document.getElementById('new-agenda-item')?.focus();
    }
  }, [kind]);
}

/**
 * Keeps the embedding iframe as tall as the panel's content. Chromium does not render a
 * cross-origin frame that is outside the viewport (an event bubble taller than the window): no
 * animation frames and no ResizeObserver callbacks until it is scrolled to. DOM mutations still
 * arrive, so the height is also measured after each change of the panel's content; otherwise the
 * frame would keep its first height and jump under the pointer once scrolled into view.
 */
function useReportHeight(target: SessionTarget): void {
  useEffect(() => {
    let reported = -1;
    const report = (): void => {
      // The body's own height: the document's scrollHeight never drops below the frame's, so
      // the frame could grow but never shrink back.
      const height = Math.ceil(document.body.getBoundingClientRect().height);
      if (height === reported) return;
      reported = height;
      postToHost(target, { ns: 'tandem', type: 'panel/resize', height });
    };
    const resizes = new ResizeObserver(report);
    resizes.observe(document.body);
    const mutations = new MutationObserver(report);
    mutations.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    report();
    return () => {
      resizes.disconnect();
      mutations.disconnect();
    };
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
