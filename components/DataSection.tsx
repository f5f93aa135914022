import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { BackupError, exportBackup, importBackup, serializeBackup, wipeAll } from '../lib/db/backup';
import { liveSignal } from '../lib/db/live';
import { relationshipMarkdown } from '../lib/db/markdown';
import { currentRelationships } from '../lib/db/relationships';
import { datedFileName, downloadText } from './download';

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; what: string }
  | { kind: 'done'; message: string }
  | { kind: 'error'; message: string };

/** Options → "Your data": backup, restore, Markdown export, delete everything. */
export function DataSection() {
  const status = useSignal<Status>({ kind: 'idle' });
  const confirmingWipe = useSignal(false);
  const relationships = useMemo(() => liveSignal(currentRelationships), []);
  useEffect(() => () => relationships.dispose(), [relationships]);
  const busy = status.value.kind === 'busy';

  async function run(what: string, task: () => Promise<string>): Promise<void> {
    status.value = { kind: 'busy', what };
    try {
      status.value = { kind: 'done', message: await task() };
    } catch (error) {
      status.value = {
        kind: 'error',
        message: error instanceof BackupError ? error.message : `Something went wrong: ${String(error)}`,
      };
    }
  }

  const backup = () =>
    run('Preparing your backup…', async () => {
      downloadText(datedFileName('tandem-backup', 'json'), serializeBackup(await exportBackup()), 'application/json');
      return 'Backup downloaded. Keep it somewhere safe: it holds your private notes.';
    });

  const restore = (file: File) =>
    run(`Checking ${file.name}…`, async () => {
      const summary = await importBackup(file);
      const total = Object.values(summary).reduce((sum, n) => sum + n, 0);
      return `Restored ${total} records from ${file.name}.`;
    });

  const wipe = () =>
    run('Deleting…', async () => {
      await wipeAll();
      confirmingWipe.value = false;
      return 'Everything Tandem stored in this browser is deleted.';
    });

  return (
    <section aria-labelledby="data-heading" class="card">
      <h2 id="data-heading">Your data</h2>
      <p class="muted">
        Tandem keeps everything in this browser. A backup is one JSON file with all of it, private notes included.
      </p>

      <div class="row">
        <button type="button" onClick={backup} disabled={busy}>
          Download a backup
        </button>
        <label class="button">
          Restore from a backup…
          <input
            type="file"
            accept="application/json,.json"
            class="visually-hidden"
            disabled={busy}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file) void restore(file);
            }}
          />
        </label>
      </div>
      <p class="muted small">
        Restoring replaces what Tandem has now with the backup's contents. A file with any problem is refused whole, and
        nothing changes.
      </p>

      <h3>Markdown</h3>
      {relationships.state.value.status === 'ready' && relationships.state.value.value.length === 0 && (
        <p class="muted">No mentoring relationships yet.</p>
      )}
      {relationships.state.value.status === 'ready' && relationships.state.value.value.length > 0 && (
        <ul class="plain">
          {relationships.state.value.value.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  run('Writing Markdown…', async () => {
                    downloadText(
                      datedFileName(`tandem-${slug(r.other.name)}`, 'md'),
                      await relationshipMarkdown(r.id),
                      'text/markdown',
                    );
                    return `Markdown for ${r.other.name} downloaded.`;
                  })
                }
              >
                Export “{r.other.name}” as Markdown
              </button>
            </li>
          ))}
        </ul>
      )}

      <h3>Delete everything</h3>
      {!confirmingWipe.value ? (
        <button type="button" class="danger" disabled={busy} onClick={() => (confirmingWipe.value = true)}>
          Delete everything…
        </button>
      ) : (
        <fieldset aria-describedby="wipe-question" class="confirm">
          <legend class="visually-hidden">Confirm deleting everything</legend>
          <p id="wipe-question">
            Delete every relationship, goal, session and note from this browser? This cannot be undone; download a
            backup first if you may want them back.
          </p>
          <div class="row">
            <button type="button" class="danger" disabled={busy} onClick={wipe}>
              Yes, delete everything
            </button>
            <button type="button" disabled={busy} onClick={() => (confirmingWipe.value = false)}>
              Keep my data
            </button>
          </div>
        </fieldset>
      )}

      <p
        class="status"
        aria-live="polite"
        role={status.value.kind === 'error' ? 'alert' : undefined}
        data-status={status.value.kind}
      >
        {status.value.kind === 'busy' && status.value.what}
        {status.value.kind === 'done' && status.value.message}
        {status.value.kind === 'error' && status.value.message}
      </p>
    </section>
  );
}

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'relationship'
  );
}
