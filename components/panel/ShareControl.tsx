import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Relationship } from '../../lib/model/relationship';
import { createShareControl } from '../../lib/models/share-control';

/**
 * "Share with <other person>": asks once per relationship with exactly what will be written to
 * the calendar event (an inline disclosure: the panel's frame is only as tall as its content, so
 * a modal could be cut off), then publishes changes by itself and says where they stand.
 */
export function ShareControl({ sessionId, relationship }: { sessionId: string; relationship: Relationship }) {
  // One control per session and relationship: the live view hands a new relationship object on
  // every change (consent included), which must not restart the control and its debounce.
  const control = useMemo(() => createShareControl(sessionId, relationship), [sessionId, relationship.id]);
  useEffect(() => () => control.dispose(), [control]);
  const disclosure = control.disclosure.value;
  const open = disclosure !== null;
  const heading = useRef<HTMLHeadingElement>(null);
  const shareButton = useRef<HTMLButtonElement>(null);
  const stopButton = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  // Set by the user's own action in this control, until its result has rendered. Consent given or
  // withdrawn in another panel (Calendar and Meet open at once) leaves it unset: that takes no focus.
  const refocus = useRef(false);
  const consented = control.consented.value;
  // Opening moves focus into the disclosure. After the user's action here, focus goes to the button
  // the control shows once that render has it ("Share with …" after "Not now", Escape or "Stop
  // sharing"; "Stop sharing" after "Share"), not to the page's body: the button pressed is gone.
  useEffect(() => {
    if (open && !wasOpen.current) heading.current?.focus();
    // Only this control's buttons close the disclosure ("Share", "Not now", Escape).
    if (!open && wasOpen.current) refocus.current = true;
    wasOpen.current = open;
    const target = shareButton.current ?? stopButton.current;
    if (!refocus.current || !target) return;
    refocus.current = false;
    target.focus();
  }, [open, consented]);
  if (!control.available.value) return null;
  const other = relationship.other.name;
  // Before consent nothing was shared, so there is nothing to report, except writes that
  // stopping dropped ("only you can see these until you agree …").
  const status = control.consented.value
    ? (control.status.value ?? 'Shared changes are written to the calendar event.')
    : control.state.value?.reason === 'no-consent'
      ? control.status.value
      : null;

  return (
    <section class="share" aria-labelledby="share-heading">
      <h2 id="share-heading" class="visually-hidden">
        Sharing with {other}
      </h2>
      {!control.consented.value && !open && (
        <button
          ref={shareButton}
          type="button"
          class="link small"
          aria-describedby="share-hint"
          onClick={() => void control.ask()}
        >
          Share with {other}
        </button>
      )}
      {!control.consented.value && !open && (
        <span id="share-hint" class="visually-hidden">
          Shows what would be written to the calendar event first.
        </span>
      )}
      {open && (
        <section
          class="callout share-consent"
          aria-labelledby="share-consent-heading"
          onKeyDown={(event) => {
            if (event.key === 'Escape') control.decline();
          }}
        >
          <h3 id="share-consent-heading" ref={heading} tabIndex={-1}>
            Share with {other}?
          </h3>
          {disclosure === '' ? <p class="muted">Loading…</p> : <pre class="share-disclosure">{disclosure}</pre>}
          <div class="actions">
            <button type="button" class="primary" disabled={disclosure === ''} onClick={() => void control.agree()}>
              Share
            </button>
            <button type="button" onClick={() => control.decline()}>
              Not now
            </button>
          </div>
        </section>
      )}
      <p class="small muted share-status" role="status" aria-live="polite" data-share={control.state.value?.status}>
        {status}
      </p>
      {control.consented.value && (
        <button
          ref={stopButton}
          type="button"
          class="link small"
          onClick={async () => {
            refocus.current = true;
            await control.stop();
            // Still sharing (stopping failed, the alert says why): the button stays, and so does focus.
            if (control.consented.value) refocus.current = false;
          }}
        >
          Stop sharing with {other}
        </button>
      )}
      {control.problem.value && (
        <p class="small" role="alert">
          {control.problem.value}
        </p>
      )}
    </section>
  );
}
