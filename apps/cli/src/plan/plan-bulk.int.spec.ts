import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SqliteEventStore } from '#event-store';
import { DEMO_PROGRAMS, DEMO_TASKS, DEMO_UNITS } from '../demo-plan.js';
import { importPlan } from './import-plan.js';
import { registerDirectory } from './testing/plan-fixtures.js';
import { readPlanFile } from './read-sheet.js';
import { formatTargets } from './targets.js';

jest.setTimeout(120_000);

const ROWS = 10_000;

/** A year of plans for a big school: the 2023 report's tasks, varied over units, partners and dates. */
async function writeLargePlan(path: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path });
  const sheet = workbook.addWorksheet('任务清单');
  sheet.addRow(['编号', '任务', '项目', '对口单位', '责任单位', '负责人', '截止日期', '指标']).commit();
  for (let i = 0; i < rows; i++) {
    const task = DEMO_TASKS[i % DEMO_TASKS.length];
    sheet
      .addRow([
        `2024-${String(i + 1).padStart(5, '0')}`,
        `${task.title}（第 ${Math.floor(i / DEMO_TASKS.length) + 1} 批）`,
        DEMO_PROGRAMS[i % DEMO_PROGRAMS.length].name,
        task.partner,
        DEMO_UNITS[i % DEMO_UNITS.length].name,
        task.assignee,
        new Date(Date.UTC(2024, i % 12, 1 + (i % 28))),
        formatTargets(task.targets),
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

describe('a 10,000-row plan', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chessboard-plan-bulk-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Re-importing writes nothing: plan-import.int.spec.ts and the CLI e2e (the 10k file takes
  // another ~10 s to re-check, measured with the built CLI in docs/operations.md).
  it('imports every row of a 10,000-row workbook and reports the time it took', async () => {
    const path = join(dir, 'plan-10k.xlsx');
    let started = performance.now();
    await writeLargePlan(path, ROWS);
    const generateMs = performance.now() - started;

    // As `npm run import` opens it: no fsync per row (a re-run completes an interrupted import).
    const store = SqliteEventStore.open(join(dir, 'events.db'), { synchronous: 'NORMAL' });
    try {
      await registerDirectory(store);
      started = performance.now();
      const sheet = await readPlanFile(path);
      const readMs = performance.now() - started;
      const summary = await importPlan(store, sheet, { timeZone: 'Asia/Shanghai' });
      const importMs = performance.now() - started;
      expect(summary.check.problems).toEqual([]);
      expect(summary.tasksCreated).toBe(ROWS);

      const report = {
        rows: ROWS,
        fileBytes: statSync(path).size,
        generateMs: Math.round(generateMs),
        readMs: Math.round(readMs),
        importMs: Math.round(importMs),
        writeMs: Math.round(summary.writeMs),
        rowsPerSecond: Math.round(ROWS / (summary.writeMs / 1000)),
      };
      console.log(`10k plan import: ${JSON.stringify(report)}`);
      // Timing is reported, not asserted: the benchmark (npm run bench) is where speed is judged.
    } finally {
      await store.close();
    }
  });
});
