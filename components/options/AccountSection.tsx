import { useEffect, useState } from 'preact/hooks';
import { describeFailure, type GoogleAccountModel, retryTime } from '../../lib/models/google-account';
import type { SyncStatus } from '../../lib/sync/state';

const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayAndClock = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
});

/** "10:35" today, "Tue 24 Nov, 10:35" on another day. */
function whenLabel(at: number, now: number = Date.now()): string {
  return new Date(at).toDateString() === new Date(now).toDateString() ? clock.format(at) : dayAndClock.format(at);
}

/**
 * Options → Google account: connecting Google Calendar (what is asked and why), then the sync as
 * it stands, live: the calendar, the last sync, a first sync's progress, changes waiting for
 * Google, what went wrong in words, "Sign in again" when Google refused the token, "Disconnect".
 * A build without an OAuth client id says it is local-only and where to read how to connect.
 */
export function AccountSection({ model }: { model: GoogleAccountModel }) {
  return (
    <section aria-labelledby="account-heading" class="card account" id="account">
      <h2 id="account-heading">Google account</h2>
      {model.available ? <Connection model={model} /> : <LocalOnly />}
    </section>
  );
}

function LocalOnly() {
  return (
    <>
      <p>
        This copy of Tandem is <strong>local-only</strong>: it was built without a Google sign-in (no OAuth client id),
        so it never connects to Google. Everything else works: mark a Calendar event as a mentoring session and its
        agenda and notes live here, on this device.
      </p>
      <p class="muted">
        To schedule sessions on your Google Calendar and follow their moves and cancellations, build Tandem with your
        own OAuth client id: the README’s section “Google Calendar sync” explains it step by step.
      </p>
    </>
  );
}

function WhatIsAsked() {
  return (
    <div class="asked">
      <p>
        Connecting asks Google for one permission only:{' '}
        <strong>to see, create and change events on calendars you own</strong> (<code>calendar.events.owned</code>).
        Tandem uses it to
      </p>
      <ul>
        <li>schedule a relationship’s recurring sessions from its agreement, with a Meet link and the invitation;</li>
        <li>follow those events when they move or are cancelled in Calendar, so each session keeps its agenda;</li>
        <li>keep Tandem’s short note in their description (it says the agenda lives in Tandem);</li>
        <li>
          once you agree to share with the other person, write each session’s agenda, takeaways, action items and shared
          note to its event, where everyone who can see the event can read them.
        </li>
      </ul>
      <p>
        Tandem cannot read calendars shared with you, your contacts or your mail. Private notes, check-ins and feedback
        never leave this device.
      </p>
    </div>
  );
}

function Connection({ model }: { model: GoogleAccountModel }) {
  const account = model.account.value;
  const busy = model.busy.value;
  if (!account) return <p class="muted">Loading…</p>;
  if (account.status === 'signed-out') {
    return (
      <>
        <p>Not connected. Tandem works fully without a Google account.</p>
        <WhatIsAsked />
        <div class="row">
          <button
            type="button"
            class="primary"
            disabled={busy !== null}
            aria-describedby="account-activity"
            onClick={() => void model.connect()}
          >
            {busy === 'connecting' ? 'Connecting…' : 'Connect Google Calendar'}
          </button>
        </div>
        <Activity model={model} />
      </>
    );
  }
  const again = account.status === 'sign-in-again' || model.status.value?.signInAgain === true;
  return (
    <>
      <p>
        {again ? 'Connected, but Google no longer accepts Tandem’s access' : 'Connected to Google Calendar'}
        {account.primaryId ? (
          <>
            {' '}
            as <strong>{account.primaryId}</strong> (your primary calendar).
          </>
        ) : (
          ' (your primary calendar).'
        )}
      </p>
      {again && (
        <p class="callout">
          The access was revoked or has expired, so sync has stopped. Nothing is lost: everything stays on this device,
          and changes wait until you sign in again.
        </p>
      )}
      <Activity model={model} />
      <div class="row">
        {again ? (
          <button type="button" class="primary" disabled={busy !== null} onClick={() => void model.connect()}>
            {busy === 'connecting' ? 'Signing in…' : 'Sign in again'}
          </button>
        ) : (
          <button type="button" disabled={busy !== null} onClick={() => void model.syncNow()}>
            {busy === 'syncing' ? 'Syncing…' : 'Sync now'}
          </button>
        )}
        <button
          type="button"
          disabled={busy !== null}
          aria-describedby="disconnect-effect"
          onClick={() => void model.disconnect()}
        >
          {busy === 'disconnecting' ? 'Disconnecting…' : 'Disconnect'}
        </button>
      </div>
      <p id="disconnect-effect" class="muted small">
        Disconnecting revokes Tandem’s access at Google and forgets the account in this browser. Your relationships,
        sessions and notes stay here, and so do changes still waiting to be sent.
      </p>
    </>
  );
}

/** The live state of sync, announced politely as it changes. */
function Activity({ model }: { model: GoogleAccountModel }) {
  const now = useMinuteClock();
  const status = model.status.value;
  const account = model.account.value;
  const busy = model.busy.value;
  const waiting = model.waiting.value;
  const signedIn = account?.status === 'signed-in' && status?.signInAgain !== true;
  const retryLabel = (notBefore: string | undefined) => {
    const at = retryTime(notBefore ? Date.parse(notBefore) : null, signedIn ? model.nextSyncAt.value : null);
    return at === null ? null : whenLabel(at, now);
  };
  const lines: { key: string; text: string; problem?: boolean }[] = [];
  if (busy === 'connecting') lines.push({ key: 'busy', text: 'Waiting for Google’s sign-in window…' });
  if (busy === 'disconnecting') lines.push({ key: 'busy', text: 'Disconnecting…' });
  if (signedIn && status) lines.push(...syncLines(status, busy === 'syncing', now, retryLabel));
  if (waiting > 0) {
    const writes = status?.writes;
    const failed =
      writes && signedIn
        ? ` The last attempt failed: ${describeFailure(writes.failure, retryLabel(writes.nextAttemptAt))}`
        : '';
    lines.push({
      key: 'waiting',
      text: `${waiting} change${waiting === 1 ? '' : 's'} waiting to be sent to Google Calendar.${signedIn ? failed : account?.status === 'signed-out' ? ' They are sent once you connect.' : ' They are sent once you sign in again.'}`,
      problem: Boolean(failed),
    });
  }
  const message = model.message.value;
  if (message) lines.push({ key: 'message', text: message });
  return (
    <div id="account-activity" class="activity" role="status">
      {lines.map((line) => (
        <p key={line.key} class={line.problem ? 'problem' : undefined}>
          {line.text}
        </p>
      ))}
    </div>
  );
}

function syncLines(
  status: SyncStatus,
  syncing: boolean,
  now: number,
  retryLabel: (notBefore: string | undefined) => string | null,
): { key: string; text: string; problem?: boolean }[] {
  const lines: { key: string; text: string; problem?: boolean }[] = [];
  if (status.firstSync) {
    const { pages, events } = status.firstSync;
    lines.push({
      key: 'first',
      text: `First sync${status.failure ? ' (interrupted)' : ''}: ${pages} page${pages === 1 ? '' : 's'}, ${events} event${events === 1 ? '' : 's'} read so far.`,
    });
  } else if (syncing) {
    lines.push({ key: 'syncing', text: 'Syncing with Google Calendar…' });
  }
  lines.push({
    key: 'last',
    text: status.lastSyncAt ? `Last synced ${whenLabel(Date.parse(status.lastSyncAt), now)}.` : 'Not synced yet.',
  });
  if (status.failure && !syncing) {
    lines.push({
      key: 'failure',
      text: describeFailure(status.failure, retryLabel(status.failure.retryAt)),
      problem: true,
    });
  }
  return lines;
}

/** "Now", re-read every minute so "today" and retry times stay right on a page left open. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
