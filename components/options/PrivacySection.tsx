/** Options → Privacy: what stays on this device, and what may go to the user's calendar. */
export function PrivacySection() {
  return (
    <section aria-labelledby="privacy-heading" class="card">
      <h2 id="privacy-heading">Privacy</h2>
      <h3>What stays on this device</h3>
      <ul>
        <li>
          Your relationships and agreements, goals, agendas, notes, takeaways, action items, feedback, wins and
          check-ins are stored in this browser, in Tandem's own storage. Google's pages cannot read them: in Calendar
          and Meet, Tandem's panel is a page of the extension, not part of Google's page.
        </li>
        <li>
          Private notes, check-ins and feedback never leave this device, not even when you share. Nor do your goals,
          except the title of a goal a shared agenda item is linked to.
        </li>
        <li>Reminder settings, and which reminders were already shown, are kept in the browser's extension storage.</li>
        <li>Tandem collects nothing and sends nothing to its makers or anyone else.</li>
      </ul>
      <h3>What goes to your calendar</h3>
      <ul>
        <li>
          Nothing, unless you connect your Google account below. Then Tandem writes the recurring series you schedule
          from an agreement's rhythm.
        </li>
        <li>
          Shared sessions: once you agree to share with the other person (“Share with …” in a session's panel), each
          session's agenda items, takeaways, action items and shared note are written to its calendar event, as a
          readable list in the description and as data for their Tandem in the event's shared properties. Everyone who
          can see the event can read them. If you stop sharing, nothing more is written; what was written stays on the
          event.
        </li>
        <li>A backup or Markdown export is a file on your computer: keep it as safe as the notes in it.</li>
      </ul>
    </section>
  );
}
