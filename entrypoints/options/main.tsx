import { render } from 'preact';
import { OptionsApp } from '../../components/OptionsApp';
import { localDay } from '../../lib/dates';
import { createGoogleAccountModel } from '../../lib/models/google-account';
import { createRelationshipsModel } from '../../lib/models/relationships-admin';
import { createReminderSettings } from '../../lib/models/reminder-settings';
import '../../components/theme.css';
import '../../components/options.css';

const relationships = createRelationshipsModel(localDay(), (hash) => {
  location.hash = hash;
});
relationships.navigate(location.hash);
addEventListener('hashchange', () => relationships.navigate(location.hash));

const app = document.getElementById('app');
if (app) {
  render(
    <OptionsApp
      relationships={relationships}
      reminders={createReminderSettings()}
      account={createGoogleAccountModel()}
    />,
    app,
  );
}
