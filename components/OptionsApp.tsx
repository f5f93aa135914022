import { BrandMark } from './BrandMark';
import { DataSection } from './DataSection';

/** The options page: settings and everything about the user's data. */
export function OptionsApp() {
  return (
    <main class="options">
      <header class="brand">
        <BrandMark size={26} />
        <h1>Tandem settings</h1>
      </header>

      <DataSection />

      <section aria-labelledby="privacy-heading" class="card">
        <h2 id="privacy-heading">Privacy</h2>
        <ul>
          <li>
            Your relationships, goals, agendas, notes and check-ins are stored only in this browser, in Tandem's own
            storage. Google's pages cannot read them.
          </li>
          <li>Private notes and check-ins never leave this device.</li>
          <li>
            Nothing is sent anywhere unless you connect your Google account and choose to put something on your own
            calendar.
          </li>
        </ul>
      </section>

      <section aria-labelledby="account-heading" class="card">
        <h2 id="account-heading">Google account</h2>
        <p>
          Not connected. Tandem works fully without a Google account: mark a Calendar event as a mentoring session and
          its agenda and notes live here.
        </p>
      </section>
    </main>
  );
}
