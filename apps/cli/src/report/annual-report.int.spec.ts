import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { taskStream } from '#domain';
import { SqliteEventStore } from '#event-store';
import type { AnnualReport } from '#projections';
import { exportAuditBundleToFile } from '../audit/export-bundle.js';
import type { BundleEvent } from '../audit/bundle-format.js';
import { loadDemo } from '../demo.js';
import { DEMO_PROGRAMS, DEMO_UNITS } from '../demo-plan.js';
import {
  countsOf,
  DEMO_YEAR_END_NOW,
  PLANNED,
  plannedTargets,
  plannedUnitScores,
  YEAR_2023,
} from '../testing/demo-year.js';
import { reportFromBundle, reportFromStore, type BuiltReport } from './build-report.js';
import { renderMarkdown } from './render-markdown.js';
import { buildWorkbook } from './render-xlsx.js';

const TZ = 'Asia/Shanghai';
const EXPORT_2023 = { from: YEAR_2023.from, to: YEAR_2023.to, unitId: null };

describe('the annual report of the demo year (npm run report -- --year 2023)', () => {
  jest.setTimeout(30_000);
  let dir: string;
  let store: SqliteEventStore;
  let fromStore: BuiltReport;
  let bundle: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chessboard-report-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
    await loadDemo(store, DEMO_YEAR_END_NOW);
    fromStore = await reportFromStore(store, 2023, TZ);
    bundle = join(dir, '2023.jsonl');
    await exportAuditBundleToFile(store, EXPORT_2023, bundle);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has the totals of the demo plan', () => {
    const { totals } = fromStore.report;
    const planned = countsOf(PLANNED);
    expect(totals).toEqual({
      ...planned,
      open: planned.tasks - planned.completed,
      units: DEMO_UNITS.length,
      programs: DEMO_PROGRAMS.length,
      partners: new Set(PLANNED.map((p) => p.task.partner)).size,
    });
    expect(totals).toMatchObject({
      tasks: 15,
      completed: 7,
      completedOnTime: 6,
      completedLate: 1,
      overdue: 1,
    });
  });

  it('has one section per programme, in the plan’s order, with its counts and targets against achievements', () => {
    expect(fromStore.report.programs.map((p) => p.programId)).toEqual(DEMO_PROGRAMS.map((p) => p.id));
    for (const section of fromStore.report.programs) {
      const planned = PLANNED.filter((p) => p.task.programId === section.programId);
      const counts = countsOf(planned);
      expect(section.counts).toEqual({ ...counts, open: counts.tasks - counts.completed });
      expect(section.partners).toEqual([...new Set(planned.map((p) => p.task.partner))].sort());
      expect(section.targets.map(({ programId: _, ...row }) => row)).toEqual(
        plannedTargets(section.programId),
      );
      expect(section.tasks.map((t) => t.id).sort()).toEqual(planned.map((p) => p.task.id).sort());
    }
  });

  it('ranks the units and lists the tasks completed late', () => {
    const expected = plannedUnitScores().sort(
      (a, b) =>
        b.onTimeRate - a.onTimeRate ||
        b.completedOnTime - a.completedOnTime ||
        b.total - a.total ||
        (a.unitId < b.unitId ? -1 : 1),
    );
    expect(
      fromStore.report.ranking.map(({ unitId, unitName, total, onTimeRate }) => [
        unitId,
        unitName,
        total,
        onTimeRate,
      ]),
    ).toEqual(expected.map((u) => [u.unitId, u.name, u.total, u.onTimeRate]));
    expect(fromStore.report.completedLate.map((t) => t.id)).toEqual(
      PLANNED.filter((p) => p.completed && p.wasOverdue).map((p) => p.task.id),
    );
  });

  it('comes out identical from the audit export alone, digest included', async () => {
    expect(await reportFromBundle(bundle, 2023, TZ)).toEqual(fromStore);
  });

  it('every figure can be recounted from the bundle’s lines by hand', () => {
    const report: AnnualReport = fromStore.report;
    const events = readFileSync(bundle, 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => JSON.parse(line) as BundleEvent)
      .filter((e) => e.streamId.startsWith('task-'));
    const byTask = new Map<string, BundleEvent[]>();
    for (const e of events) byTask.set(e.streamId, [...(byTask.get(e.streamId) ?? []), e]);
    const last = (stream: BundleEvent[], types: string[]) =>
      stream.filter((e) => types.includes(e.type)).at(-1);
    const statusEvents = ['TaskCompleted', 'TaskReopened', 'TaskCancelled'];
    const completed = [...byTask.values()].filter((s) => last(s, statusEvents)?.type === 'TaskCompleted');
    const evidence = [...byTask.values()].reduce(
      (sum, s) => sum + new Set(s.flatMap((e) => (e.data as { evidence?: string[] }).evidence ?? [])).size,
      0,
    );
    expect(report.totals.tasks).toBe(byTask.size);
    expect(report.totals.completed).toBe(completed.length);
    expect(report.totals.evidence).toBe(evidence);

    // 援藏's 捐赠价值: the target in TaskAssigned, the achievement in the last report of the metric.
    const tibet = report.programs.find((p) => p.programId === 'tibet')!;
    const value = tibet.targets.find((t) => t.key === 'value')!;
    const donation = [...byTask.values()].find((s) =>
      (s[0].data as { targets: { key: string }[] }).targets.some((t) => t.key === 'value'),
    )!;
    const reported = donation.flatMap(
      (e) => (e.data as { metrics?: { key: string; value: number }[] }).metrics ?? [],
    );
    expect(value).toMatchObject({
      target: (donation[0].data as { targets: { key: string; target: number }[] }).targets[0].target,
      achieved: reported.filter((m) => m.key === 'value').at(-1)!.value,
    });
    expect(value).toMatchObject({ target: 25_000_000, achieved: 25_000_000 });
  });

  it('refuses a bundle that does not verify', async () => {
    const lines = readFileSync(bundle, 'utf8').split('\n');
    lines[5] = lines[5]
      .replace('"revision":', '"revision": ')
      .replace(/"occurredAt":"2023-/, '"occurredAt":"2022-');
    const broken = join(dir, 'broken.jsonl');
    writeFileSync(broken, lines.join('\n'));
    await expect(reportFromBundle(broken, 2023, TZ)).rejects.toThrow('does not verify');
  });

  it('renders in Chinese by default and in English, as Markdown and as a workbook', async () => {
    const zh = renderMarkdown(fromStore.report, fromStore.provenance);
    expect(zh).toContain('# 2023 年对口支援和协作计划工作报告');
    expect(zh).toContain('全年共下达帮扶任务 15 项');
    expect(zh).toContain('## 二、各帮扶项目完成情况');
    expect(zh).toContain('### 1. 援藏（西藏林芝）');
    expect(zh).toContain('| 培训人数（人） | 92 | 92 | 100.0% |');
    expect(zh).toContain('## 三、二级单位考核排名');
    expect(zh).toContain('## 四、逾期办结任务');
    expect(zh).toContain(fromStore.provenance.digest);
    const en = renderMarkdown(fromStore.report, fromStore.provenance, 'en');
    expect(en).toContain('# Counterpart Assistance and Cooperation: Work Report 2023');
    expect(en).toContain('15 assistance tasks were assigned');
    expect(en).toContain('## 3. Unit ranking');

    const file = join(dir, 'report.xlsx');
    await buildWorkbook(fromStore.report, fromStore.provenance).xlsx.writeFile(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      '概览',
      '帮扶项目',
      '目标完成',
      '任务清单',
      '单位排名',
      '逾期办结',
    ]);
    const summary = workbook.getWorksheet('概览')!;
    expect(summary.getRow(3).values).toEqual([undefined, '任务', 15]);
    expect(workbook.getWorksheet('任务清单')!.rowCount).toBe(1 + 15);
  });
});

describe('a task of last year still open this year', () => {
  it('is in the year’s report, from the store and from an export starting on January 1st', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chessboard-report-carry-'));
    const store = SqliteEventStore.open(join(dir, 'events.db'));
    try {
      await loadDemo(store, DEMO_YEAR_END_NOW);
      const id = '2b1c7a10-0e0f-4d1a-9a51-000000002022';
      await store.append(
        taskStream(id),
        [
          {
            type: 'TaskAssigned',
            data: {
              taskId: id,
              title: '2022 年结转：援疆课程资源共建',
              description: null,
              programId: 'xinjiang',
              partner: '乌鲁木齐职业大学',
              unitId: 'textile-food',
              assignee: null,
              deadline: '2023-03-31T16:00:00.000Z',
              targets: [],
            },
          },
        ],
        {
          expectedRevision: 'no_stream',
          actor: { id: 'office-demo', role: 'office' },
          occurredAt: '2022-11-01T02:00:00.000Z',
          correlationId: 'carry-over',
        },
      );
      const file = join(dir, '2023.jsonl');
      await exportAuditBundleToFile(store, EXPORT_2023, file);
      const live = await reportFromStore(store, 2023, TZ);
      expect(live.report.totals).toMatchObject({ tasks: 16, overdue: 2 });
      expect(await reportFromBundle(file, 2023, TZ)).toEqual(live);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
