/**
 * The peer: Emmett's SQLite and PostgreSQL event stores, if they are installed. They are
 * not dependencies of this project (bench/README.md says why), so they are loaded by name
 * at run time and the rows say "peer: not installed" when they are absent.
 */
import type { SeedEvent } from './workload.js';

export interface PeerStore {
  appendToStream(
    streamName: string,
    events: { type: string; data: unknown }[],
    options: { expectedStreamVersion: bigint | 'STREAM_DOES_NOT_EXIST' },
  ): Promise<unknown>;
  close(): Promise<void>;
}

export type PeerStatus =
  | { readonly installed: false; readonly reason: string }
  | {
      readonly installed: true;
      readonly version: string;
      open(target: string, schema: string): Promise<PeerStore>;
    };

const PACKAGES = { sqlite: '@event-driven-io/emmett-sqlite', postgres: '@event-driven-io/emmett-postgresql' };

/** A real dynamic import, even where TypeScript compiles `import()` to `require()`. */
const importByName = new Function('name', 'return import(name)') as (
  name: string,
) => Promise<Record<string, unknown>>;

export async function peerStatus(kind: 'sqlite' | 'postgres'): Promise<PeerStatus> {
  const name = PACKAGES[kind];
  let module: Record<string, unknown>;
  try {
    module = await importByName(name);
  } catch (error) {
    const code = (error as { code?: string }).code;
    return {
      installed: false,
      reason:
        code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
          ? `${name} is not installed`
          : String(error),
    };
  }
  const version = await importByName(`${name}/package.json`)
    .then((p) => String((p.default as { version?: string }).version))
    .catch(() => '?');
  type Factory = (target: unknown, options?: unknown) => PeerStore & { close?: () => Promise<void> };
  return {
    installed: true,
    version,
    async open(target, schema) {
      if (kind === 'sqlite') {
        const get = module.getSQLiteEventStore as Factory;
        const store = get({ fileName: target, schema: { autoMigration: 'CreateOrUpdate' } });
        return { appendToStream: store.appendToStream.bind(store), close: async () => store.close?.() };
      }
      const get = module.getPostgreSQLEventStore as Factory;
      const url = new URL(target);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const store = get(url.toString(), { schema: { autoMigration: 'CreateOrUpdate' } });
      return { appendToStream: store.appendToStream.bind(store), close: async () => store.close?.() };
    },
  };
}

export function appendPeer(
  store: PeerStore,
  streamId: string,
  event: SeedEvent,
  current: number,
): Promise<unknown> {
  return store.appendToStream(streamId, [{ type: event.type, data: event.data }], {
    // Emmett counts stream versions from 1.
    expectedStreamVersion: current < 0 ? 'STREAM_DOES_NOT_EXIST' : BigInt(current + 1),
  });
}
