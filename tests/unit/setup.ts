// IndexedDB for Dexie in Node; each test file gets its own in-memory instance.
import 'fake-indexeddb/auto';
