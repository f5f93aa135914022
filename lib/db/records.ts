import type { Table } from 'dexie';
import type { BackupData } from '../model/backup';
import { agendaRecords } from './agenda-records';
import {
  addAgendaItems,
  agendaItem,
  agendaItemIds,
  allAgendaItems,
  deleteAgendaItems,
  putAgendaItems,
} from './agenda-store';
import { db, TABLE_NAMES, type TableName } from './database';

export type RecordOf<T extends TableName> = BackupData[T][number];
export type AnyRecord = RecordOf<TableName>;

/**
 * One kind of record, read and written the same way whichever way it is stored: in a table of its
 * own, one record per row, or (agenda items) several to a stored record. For the operations on the
 * whole database that go through every kind (backups, deleting a relationship, sample data). Each
 * method works inside the caller's transaction, which must include `table`.
 */
export interface RecordTable<T extends TableName = TableName> {
  /** The Dexie table holding these records, for a transaction's scope. */
  readonly table: Table;
  /** Each record is a stored value of its own (so a bulk write's failure positions are record positions). */
  readonly perRecord: boolean;
  all(): Promise<RecordOf<T>[]>;
  get(id: string): Promise<RecordOf<T> | undefined>;
  ids(): Promise<string[]>;
  /** Adds new records; rejects (writing none) if one's id, or another unique key, is taken. */
  add(records: readonly RecordOf<T>[]): Promise<void>;
  /** Adds records or replaces stored ones with the same id. */
  put(records: readonly RecordOf<T>[]): Promise<void>;
  delete(ids: readonly string[]): Promise<void>;
  /** The records as the table stores them, with each stored value's primary key (to replace a table wholesale). */
  stored(records: readonly RecordOf<T>[]): { values: unknown[]; keyOf: (value: unknown) => string };
}

function plainTable<T extends Exclude<TableName, 'agendaItems'>>(name: T): RecordTable<T> {
  const table = db.table<RecordOf<T>, string>(name);
  return {
    table,
    perRecord: true,
    all: () => table.toArray(),
    get: (id) => table.get(id),
    ids: () => table.toCollection().primaryKeys(),
    add: async (records) => void (await table.bulkAdd([...records])),
    put: async (records) => void (await table.bulkPut([...records])),
    delete: (ids) => table.bulkDelete([...ids]),
    stored: (records) => ({ values: [...records], keyOf: (value) => (value as { id: string }).id }),
  };
}

const agendaTable: RecordTable<'agendaItems'> = {
  get table() {
    return db.agendas;
  },
  perRecord: false,
  all: allAgendaItems,
  get: agendaItem,
  ids: agendaItemIds,
  add: addAgendaItems,
  put: putAgendaItems,
  delete: deleteAgendaItems,
  stored: (records) => ({
    values: agendaRecords(records),
    keyOf: (value) => (value as { sessionId: string }).sessionId,
  }),
};

export function recordTable<T extends TableName>(name: T): RecordTable<T> {
  return (
    name === 'agendaItems' ? agendaTable : plainTable(name as Exclude<TableName, 'agendaItems'>)
  ) as RecordTable<T>;
}

/** The Dexie tables of every kind of record, for a transaction over all of them. */
export function recordTables(): Table[] {
  return TABLE_NAMES.map((name) => recordTable(name).table);
}
