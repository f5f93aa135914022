import { z } from 'zod/mini';
import { AgendaItem } from './agenda';
import { Instant } from './common';
import { Goal } from './goal';
import { Note } from './note';
import { ActionItem, CheckIn, Feedback, Takeaway, Win } from './outcome';
import { Relationship } from './relationship';
import { Session } from './session';

/** The `format` every Tandem backup file names itself with. */
export const BACKUP_FORMAT = 'tandem-backup';

/** The version this Tandem writes. Older files are upgraded on import (`upgradeBackup` in lib/db/backup.ts). */
export const BACKUP_VERSION = 2;

// A key we do not know is refused rather than dropped: silently losing a table (or a field a
// newer Tandem added to the envelope) on restore would lose the user's data without a word.
const unknownTable = {
  error: (issue: { code: string }) => (issue.code === 'unrecognized_keys' ? 'unknown table' : undefined),
};
const unknownField = {
  error: (issue: { code: string }) => (issue.code === 'unrecognized_keys' ? 'unknown field' : undefined),
};

/**
 * Every table of the database, in `TABLE_NAMES` order (lib/db/database.ts). Unknown fields inside a
 * record are dropped, as everywhere else the record schemas parse.
 */
export const BackupData = z.strictObject(
  {
    relationships: z.array(Relationship),
    goals: z.array(Goal),
    sessions: z.array(Session),
    agendaItems: z.array(AgendaItem),
    notes: z.array(Note),
    takeaways: z.array(Takeaway),
    actionItems: z.array(ActionItem),
    feedback: z.array(Feedback),
    checkIns: z.array(CheckIn),
    wins: z.array(Win),
  },
  unknownTable,
);
export type BackupData = z.infer<typeof BackupData>;

/** A whole backup file, at the current version. */
export const Backup = z.strictObject(
  {
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    exportedAt: Instant,
    data: BackupData,
  },
  unknownField,
);
export type Backup = z.infer<typeof Backup>;

/**
 * `Backup` with every table an array of anything: checks the file's outline without looking at the
 * records, so that they can then be checked one by one and the check can stop at the first bad one.
 */
export const BackupOutline = z.strictObject(
  {
    ...Backup.shape,
    data: z.strictObject(
      Object.fromEntries(Object.keys(BackupData.shape).map((table) => [table, z.array(z.unknown())])),
      unknownTable,
    ),
  },
  unknownField,
);
