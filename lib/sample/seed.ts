import { db, TABLE_NAMES } from '../db/database';
import { recordTable, recordTables } from '../db/records';
import type { SampleData } from './generate';

/**
 * Writes a sample data set into `db` as it is, in one read-write transaction over every table: all
 * of it is stored, or nothing if any record is rejected (a key already taken, for instance). Does not
 * clear what is there; tests start from `db.delete()`.
 */
export async function seedDatabase(data: SampleData): Promise<void> {
  await db.transaction('rw', recordTables(), async () => {
    // Indexing `data` by every table name also makes the compiler reject a SampleData without one.
    for (const name of TABLE_NAMES) {
      const records = recordTable(name);
      await records.table.bulkAdd(records.stored(data[name]).values);
    }
  });
}
