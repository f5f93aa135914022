/**
 * Options → Google account. The place for connecting Google Calendar (sign-in, the calendars to
 * sync, sync state and the outbox): owned by the Calendar sync issue, which replaces this text.
 */
export function AccountSection() {
  return (
    <section aria-labelledby="account-heading" class="card" id="account">
      <h2 id="account-heading">Google account</h2>
      <p>
        Not connected. Tandem works fully without a Google account: mark a Calendar event as a mentoring session and its
        agenda and notes live here.
      </p>
    </section>
  );
}
