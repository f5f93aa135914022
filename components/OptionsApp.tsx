import { useEffect, useMemo } from 'preact/hooks';
import type { GoogleAccountModel } from '../lib/models/google-account';
import { createRelationshipEditor } from '../lib/models/relationship-editor';
import type { RelationshipsModel } from '../lib/models/relationships-admin';
import type { ReminderSettingsModel } from '../lib/models/reminder-settings';
import { createSeriesScheduler } from '../lib/models/series-scheduler';
import { BrandMark } from './BrandMark';
import { DataSection } from './DataSection';
import { AccountSection } from './options/AccountSection';
import { PrivacySection } from './options/PrivacySection';
import { RelationshipPage } from './options/RelationshipPage';
import { RelationshipsSection } from './options/RelationshipsSection';
import { RemindersSection } from './options/RemindersSection';

/**
 * The options page: relationships (and the one opened from the list or a reminder), reminders,
 * the user's data, privacy, and the Google account.
 */
export function OptionsApp({
  relationships,
  reminders,
  account,
}: {
  relationships: RelationshipsModel;
  reminders: ReminderSettingsModel;
  account: GoogleAccountModel;
}) {
  const selected = relationships.selectedId.value;
  const editor = useMemo(
    () => (selected ? createRelationshipEditor(selected, relationships.today) : null),
    [selected, relationships.today],
  );
  useEffect(() => () => editor?.dispose(), [editor]);
  const scheduler = useMemo(
    () =>
      selected && account.available
        ? createSeriesScheduler({ relationshipId: selected, today: relationships.today, account: account.account })
        : null,
    [selected, relationships.today, account],
  );
  useEffect(() => () => scheduler?.dispose(), [scheduler]);

  return (
    <main class="options">
      <header class="brand">
        <BrandMark size={26} />
        <h1>Tandem settings</h1>
      </header>
      <RelationshipsSection model={relationships} />
      {editor && (
        <RelationshipPage
          admin={relationships}
          editor={editor}
          part={relationships.part.value}
          scheduler={scheduler}
          syncAvailable={account.available}
        />
      )}
      <RemindersSection model={reminders} />
      <DataSection />
      <PrivacySection />
      <AccountSection model={account} />
    </main>
  );
}
