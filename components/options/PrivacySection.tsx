/** Options → Privacy: what stays on this device, and what may go to the user's calendar. */
export function PrivacySection() {
  return (
    <section aria-labelledby="privacy-heading" class="card">
      <h2 id="privacy-heading">Privacy</h2>
      <h3>What stays on this device</h3>
      <ul>
        <li>
          Your relationships and agreements, goals, agendas, notes, takeaways, action items, feedback, wins and
          check-ins are stored only in this browser, in Tandem's own storage. Google's pages cannot read them: in
          Calendar and Meet, Tandem's panel is a page of the extension, not part of Google's page.
        </li>
        <li>Private notes and check-ins never leave this device, not even when a calendar is connected.</li>
        <li>Reminder settings, and which reminders were already shown, are kept in the browser's extension storage.</li>
        <li>Tandem collects nothing and sends nothing to its makers or anyone else.</li>
      </ul>
      <h3>What goes to your calendar</h3>
      <ul>
        <li>
          Nothing, unless you connect your Google account below. Then only what you choose: the recurring series created
          from an agreement's rhythm, and an agenda you publish as shared, on your own calendar event.
        </li>
        <li>A backup or Markdown export is a file on your computer: keep it as safe as the notes in it.</li>
      </ul>
    </section>
  );
}
