import { CompiledQuery, PostgresAdapter } from 'kysely';
import type { Db } from '../read-model/connection.js';
import type { ReadModelDatabase } from '../read-model/schema.js';

type Table = keyof ReadModelDatabase & string;
type Row = Readonly<Record<string, unknown>>;

/** What an insert does with a row whose key exists: replace its other columns, or keep the old row. */
export type OnConflict = 'update' | 'nothing';

/** Rows per statement. PostgreSQL: fewer round trips; both stay under the bind-parameter limits. */
const CHUNK = { sqlite: 256, postgres: 1024 } as const;

/**
 * The projection's hot path, written as SQL text built once per shape instead of through
 * Kysely's query builder (compiling thousands of bound values per statement showed in the
 * profile). A batch of n rows is sent as full chunks plus power-of-two pieces, so only a
 * handful of statement shapes exist per table and SQLite's prepared statements (see
 * connection.ts) are reused. Columns are the keys of the first row: a column added to a
 * projection's row builder is written without touching this file.
 */
export class RowWriter {
  readonly #db: Db;
  readonly #postgres: boolean;

  constructor(db: Db) {
    this.#db = db;
    this.#postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  }

  async insert(table: Table, key: string, rows: readonly Row[], onConflict: OnConflict): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!);
    for (const [start, count] of pieces(rows.length, this.#chunk)) {
      const sql = this.#insertSql(table, key, columns, count, onConflict);
      const parameters: unknown[] = new Array(count * columns.length);
      let i = 0;
      for (let r = start; r < start + count; r++) {
        const row = rows[r]!;
        for (const column of columns) parameters[i++] = row[column] ?? null;
      }
      await this.#db.executeQuery(CompiledQuery.raw(sql, parameters));
    }
  }

  /** `select <columns> from <table> where <key> in (ids)`, in pieces like `insert`. */
  async selectIn<R>(
    table: Table,
    columns: readonly string[],
    key: string,
    ids: readonly string[],
  ): Promise<R[]> {
    const out: R[] = [];
    for (const [start, count] of pieces(ids.length, this.#chunk)) {
      const sql = cached(`${this.#dialect}|select|${table}|${columns.join(',')}|${key}|${count}`, () => {
        const list = placeholders(count, 1, this.#postgres);
        return `select ${columns.map(quote).join(', ')} from ${quote(table)} where ${quote(key)} in ${list}`;
      });
      const { rows } = await this.#db.executeQuery<R>(
        CompiledQuery.raw(sql, ids.slice(start, start + count)),
      );
      out.push(...rows);
    }
    return out;
  }

  get #dialect(): 'sqlite' | 'postgres' {
    return this.#postgres ? 'postgres' : 'sqlite';
  }

  get #chunk(): number {
    return CHUNK[this.#dialect];
  }

  #insertSql(table: Table, key: string, columns: readonly string[], rows: number, onConflict: OnConflict) {
    return cached(
      `${this.#dialect}|insert|${table}|${columns.join(',')}|${key}|${onConflict}|${rows}`,
      () => {
        const values: string[] = [];
        for (let r = 0; r < rows; r++)
          values.push(placeholders(columns.length, r * columns.length + 1, this.#postgres));
        const update = columns
          .filter((column) => column !== key)
          .map((column) => `${quote(column)} = excluded.${quote(column)}`)
          .join(', ');
        const conflict = onConflict === 'update' ? `do update set ${update}` : 'do nothing';
        return (
          `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${values.join(', ')} ` +
          `on conflict (${quote(key)}) ${conflict}`
        );
      },
    );
  }
}

/** [start, count] pieces of n rows: full chunks, then the remainder as powers of two. */
function pieces(n: number, chunk: number): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  while (n - start >= chunk) {
    out.push([start, chunk]);
    start += chunk;
  }
  for (let size = chunk >> 1; size >= 1; size >>= 1) {
    if (n - start >= size) {
      out.push([start, size]);
      start += size;
    }
  }
  return out;
}

function placeholders(count: number, first: number, postgres: boolean): string {
  const marks: string[] = new Array(count);
  for (let i = 0; i < count; i++) marks[i] = postgres ? `$${first + i}` : '?';
  return `(${marks.join(', ')})`;
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** Statement texts by shape; the shapes are few (tables × columns × log2(chunk) sizes). */
const statements = new Map<string, string>();

function cached(shape: string, build: () => string): string {
  let sql = statements.get(shape);
  if (sql === undefined) {
    sql = build();
    statements.set(shape, sql);
  }
  return sql;
}
