import { describeEventStoreContract } from '../testing/index.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';

// KurrentDB cannot run on every machine; docker-compose.yml starts one:
//   KURRENTDB_URL='kurrentdb://localhost:2113?tls=false' npx jest libs/event-store/src/kurrentdb
const url = process.env.KURRENTDB_URL;

if (url) {
  // No tamper hook: KurrentDB events are immutable, there is no raw storage to edit.
  describeEventStoreContract(`KurrentDB at ${url}`, async () => {
    const store = await KurrentDbEventStore.connect(url);
    return { store, cleanup: () => store.close() };
  });
} else {
  describe('EventStore contract: KurrentDB', () => {
    console.warn('KurrentDB contract suite skipped: no server (set KURRENTDB_URL)');
    it.skip('skipped: no server (set KURRENTDB_URL)', () => undefined);
  });
}
