import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';

/**
 * A process that appends until it is killed (started through test/support/run-ts.cjs):
 * 16 writers, each on its own stream, so batches of 16 are always being committed. Prints
 * `ready` after the first commit. argv: storePath
 */
async function main(): Promise<void> {
  const store = SqliteEventStore.open(process.argv[2]!);
  const actor = { id: 'crash-writer', role: 'office' } as const;
  let announced = false;
  await Promise.all(
    Array.from({ length: 16 }, async (_, w) => {
      for (let revision = -1; ; revision++) {
        await store.append(`task-${w}`, [{ type: 'Noted', data: { w, n: revision + 1 } }], {
          expectedRevision: revision < 0 ? 'no_stream' : revision,
          actor,
          occurredAt: '2026-03-01T08:00:00.000Z',
          correlationId: `c-${w}`,
        });
        if (!announced) {
          announced = true;
          process.stdout.write('ready\n');
        }
      }
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
