import { join } from 'node:path';
import pg from 'pg';

export type StoreKind = 'sqlite' | 'postgres';

export const SECTIONS = ['append', 'replay', 'sweep', 'queries', 'roundtrip', 'growth'] as const;
export type Section = (typeof SECTIONS)[number];

export interface Times {
  /** One repetition of an append loop. */
  readonly appendMs: number;
  /** One repetition of an HTTP load, after its warm-up. */
  readonly loadMs: number;
  readonly warmupMs: number;
  /** One repetition of the serial latency probes (growth, asOf, board p99). */
  readonly probeMs: number;
  /** One repetition of reminder delivery. */
  readonly deliveryMs: number;
}

export interface BenchOptions {
  readonly store: StoreKind;
  readonly scale: number;
  readonly seed: number;
  readonly reps: number;
  readonly only: readonly Section[];
  readonly smoke: boolean;
  readonly outDir: string;
  readonly pgUrl: string;
  readonly keep: boolean;
}

/** What every section gets: options, a scratch directory, PostgreSQL schemas it may create. */
export class BenchContext {
  readonly #schemas: string[] = [];
  readonly #id = `${process.pid.toString(36)}${Date.now().toString(36)}`;

  constructor(
    readonly options: BenchOptions,
    readonly workDir: string,
    /** Null when PostgreSQL cannot be reached. */
    readonly pgUrl: string | null,
    readonly times: Times,
  ) {}

  get seed(): number {
    return this.options.seed;
  }

  get reps(): number {
    return this.options.reps;
  }

  path(name: string): string {
    return join(this.workDir, name);
  }

  log(message: string): void {
    process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  }

  /** A fresh schema name, dropped (CASCADE) by `cleanup`. */
  async pgSchema(purpose: string): Promise<string> {
    const name = `bench_${this.#id}_${purpose}`.toLowerCase().slice(0, 63);
    if (!this.#schemas.includes(name)) this.#schemas.push(name);
    return name;
  }

  async cleanup(): Promise<void> {
    if (!this.pgUrl || this.#schemas.length === 0) return;
    const client = new pg.Client({ connectionString: this.pgUrl });
    try {
      await client.connect();
      for (const schema of this.#schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

export async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
