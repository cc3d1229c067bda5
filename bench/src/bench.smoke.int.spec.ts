import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

interface SmokeRow {
  readonly section: string;
  readonly name: string;
  readonly ours: number | null;
  readonly baselineName: string;
  readonly detail?: { readonly errors?: number; readonly firstError?: string };
}

function runSmoke(out: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['test/support/run-ts.cjs', 'bench/src/main.ts', '--smoke', '--out', out],
      { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const chunks: string[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    child.on('exit', (code) => done({ code, output: chunks.join('') }));
  });
}

describe('npm run bench -- --smoke', () => {
  const out = mkdtempSync(join(tmpdir(), 'chessboard-bench-smoke-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs every section on a tiny workload, without a failed request, and writes its results', async () => {
    const { code, output } = await runSmoke(out);
    if (code !== 0) throw new Error(`the smoke run exited ${code}:\n${output.slice(-6000)}`);

    const files = readdirSync(out);
    const json = files.find((f) => f.endsWith('.json'));
    expect(files.some((f) => f.endsWith('.md'))).toBe(true);
    const { rows } = JSON.parse(readFileSync(join(out, json!), 'utf8')) as { rows: SmokeRow[] };

    const sections = new Set(rows.map((r) => r.section));
    for (const section of ['append', 'replay', 'sweep', 'queries', 'roundtrip', 'growth', 'memory']) {
      expect(sections).toContain(section);
    }
    const failed = rows.filter((r) => (r.detail?.errors ?? 0) > 0);
    expect(failed.map((r) => `${r.name}: ${r.detail?.firstError}`)).toEqual([]);
    // Every row measured something, except the peer and PostgreSQL rows when those are absent.
    const unmeasured = rows.filter(
      (r) =>
        r.ours === null && !/peer|Emmett/.test(`${r.name} ${r.baselineName}`) && !r.name.includes('postgres'),
    );
    expect(unmeasured.map((r) => r.name)).toEqual([]);
  }, 420_000);
});
