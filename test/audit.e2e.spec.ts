import Database from 'better-sqlite3';
import { taskStream } from '#domain';
import { computeAuditDigest, type EventStore } from '#event-store';
import { loadDemo } from '../apps/cli/src/demo.js';
import { DEMO_TASKS } from '../apps/cli/src/demo-plan.js';
import { exportAuditBundle } from '../apps/cli/src/audit/export-bundle.js';
import type { BundleManifest } from '../apps/cli/src/audit/bundle-format.js';
import { openEventStore } from '#storage';
import {
  DEMO_YEAR_END_NOW,
  plannedTargets,
  plannedUnitScores,
  YEAR_2023,
} from '../apps/cli/src/testing/demo-year.js';
import { dropSchema, E2E_STORAGE, TestApp, type Api } from './support/harness.js';
import { AUDITOR, OFFICE } from './support/fixtures.js';

const DIGEST = 'query($asOf: DateTime) { auditDigest(asOf: $asOf) { asOf digest streams events } }';
interface Digest {
  auditDigest: { asOf: string; digest: string; streams: number; events: number };
}

describe('auditors over GraphQL: auditDigest, unitScores, metricTotals, taskDiff', () => {
  jest.setTimeout(60_000);
  let app: TestApp;
  let store: EventStore;
  let auditor: Api;
  let office: Api;
  const training = DEMO_TASKS[0].id;

  beforeAll(async () => {
    app = await TestApp.start();
    store = await openEventStore(app.config.eventStore);
    await loadDemo(store, DEMO_YEAR_END_NOW);
    auditor = await app.client(AUDITOR);
    office = await app.client(OFFICE);
  });
  afterAll(async () => {
    await store?.close();
    await app?.stop();
    if (app) await dropSchema(app.config);
  });

  describe('auditDigest', () => {
    it('is the digest of the store at asOf, the same an audit export writes into its manifest', async () => {
      const { auditDigest } = await auditor.ok<Digest>(DIGEST, { asOf: '2023-12-31T15:59:59.999+00:00' });
      const lines: string[] = [];
      await exportAuditBundle(store, { from: null, to: YEAR_2023.to, unitId: null }, (line) => {
        lines.push(line);
      });
      const manifest = JSON.parse(lines[0]) as BundleManifest;
      expect(auditDigest).toEqual({
        asOf: YEAR_2023.to,
        digest: manifest.digest,
        streams: manifest.heads.length,
        events: lines.length - 1,
      });
      expect(auditDigest).toEqual({ ...(await computeAuditDigest(store, YEAR_2023.to)) });
    });

    it('stays the same while history after asOf grows', async () => {
      const asOf = '2023-07-01T00:00:00Z';
      const { auditDigest: before } = await auditor.ok<Digest>(DIGEST, { asOf });
      await office.ok('mutation($input: CommentInput!) { addComment(input: $input) { position } }', {
        input: { taskId: training, text: '年终复核：材料齐全' },
      });
      const { auditDigest: after } = await auditor.ok<Digest>(DIGEST, { asOf });
      expect(after).toEqual(before);
      const { auditDigest: now } = await auditor.ok<Digest>('{ auditDigest { asOf digest streams events } }');
      expect(now.events).toBe(Number(await store.headPosition()));
      expect(now.digest).not.toBe(before.digest);
    });

    (E2E_STORAGE === 'sqlite' ? it : it.skip)(
      'changes when an event before asOf is edited in the database',
      async () => {
        const asOf = '2023-07-01T00:00:00Z';
        const { auditDigest: before } = await auditor.ok<Digest>(DIGEST, { asOf });
        // The smart-campus task's first progress report (40 %), on 2023-03-16.
        const campus = taskStream(DEMO_TASKS[1].id);
        const raw = new Database(app.config.eventsDbPath);
        try {
          raw.exec('DROP TRIGGER IF EXISTS events_append_only_update');
          raw
            .prepare(
              `UPDATE events SET data = json_set(data, '$.progress', 60) WHERE stream_id = ? AND revision = 2`,
            )
            .run(campus);
        } finally {
          raw.close();
        }
        const { auditDigest: after } = await auditor.ok<Digest>(DIGEST, { asOf });
        expect(after.digest).not.toBe(before.digest);
        expect(after.events).toBe(before.events);
        const { auditDigest: later } = await auditor.ok<Digest>(DIGEST, { asOf: '2023-01-01T00:00:00Z' });
        expect(later.events).toBeLessThan(before.events);
      },
    );
  });

  describe('unitScores', () => {
    it('ranks the units of the demo year as the plan says', async () => {
      const { unitScores } = await auditor.ok<{
        unitScores: {
          unit: { id: string; name: string };
          total: number;
          completed: number;
          completedOnTime: number;
          overdue: number;
          wasOverdue: number;
          onTimeRate: number;
        }[];
      }>(
        `query($from: DateTime, $to: DateTime) { unitScores(from: $from, to: $to) {
          unit { id name } total completed completedOnTime overdue wasOverdue onTimeRate } }`,
        YEAR_2023,
      );
      const expected = plannedUnitScores()
        .sort(
          (a, b) =>
            b.onTimeRate - a.onTimeRate ||
            b.completedOnTime - a.completedOnTime ||
            b.total - a.total ||
            (a.unitId < b.unitId ? -1 : 1),
        )
        .map(({ unitId, name, ...score }) => ({ unit: { id: unitId, name }, ...score }));
      expect(unitScores).toEqual(expected);
      expect(unitScores[0]).toMatchObject({ unit: { id: 'info-center' }, total: 2, onTimeRate: 1 });
      expect(unitScores.find((s) => s.unit.id === 'textile-food')).toMatchObject({
        total: 2,
        completed: 1,
        completedOnTime: 0,
        wasOverdue: 1,
      });
    });

    it('refuses a period that ends before it starts', async () => {
      const error = await auditor.fails(
        '{ unitScores(from: "2023-12-31T00:00:00Z", to: "2023-01-01T00:00:00Z") { total } }',
      );
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain('from');
    });
  });

  describe('metricTotals', () => {
    it('adds up targets and achievements of a programme (援藏: 92 trainees, 25,000,000 RMB)', async () => {
      const { metricTotals } = await auditor.ok<{
        metricTotals: {
          program: { id: string; name: string };
          key: string;
          label: string;
          target: number;
          achieved: number;
          unit: string | null;
        }[];
      }>(
        `query($asOf: DateTime) { metricTotals(programId: "tibet", asOf: $asOf) {
          program { id name } key label target achieved unit } }`,
        { asOf: YEAR_2023.to },
      );
      expect(metricTotals).toEqual(
        plannedTargets('tibet').map((row) => ({ program: { id: 'tibet', name: '援藏' }, ...row })),
      );
      expect(metricTotals[0]).toMatchObject({ key: 'trainees', target: 92, achieved: 92, unit: '人' });
    });

    it('covers every programme when none is given, and NOT_FOUND names an unknown one', async () => {
      const { metricTotals } = await auditor.ok<{ metricTotals: { program: { id: string } }[] }>(
        '{ metricTotals { program { id } key } }',
      );
      expect(new Set(metricTotals.map((m) => m.program.id)).size).toBe(7);
      const error = await auditor.fails('{ metricTotals(programId: "mars") { key } }');
      expect(error.extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('taskDiff', () => {
    it('lists each field an event changed, with who and which event', async () => {
      const { taskDiff } = await auditor.ok<{
        taskDiff: {
          field: string;
          from: unknown;
          to: unknown;
          at: string;
          actor: { id: string; role: string };
          eventType: string;
        }[];
      }>(
        `query($id: ID!, $from: DateTime!, $to: DateTime!) { taskDiff(id: $id, from: $from, to: $to) {
          field from to at actor { id role } eventType } }`,
        { id: training, ...YEAR_2023 },
      );
      const assigned = taskDiff.filter((c) => c.eventType === 'TaskAssigned');
      expect(assigned.find((c) => c.field === 'title')).toMatchObject({
        from: null,
        to: '组织林芝市职业技术学校管理干部培训',
      });
      expect(assigned.every((c) => c.actor.role === 'OFFICE')).toBe(true);
      expect(
        taskDiff.filter((c) => c.eventType === 'ProgressReported').map((c) => [c.field, c.from, c.to]),
      ).toEqual([
        ['status', 'ASSIGNED', 'IN_PROGRESS'],
        ['progress', 0, 50],
        ['metrics', [], [{ key: 'trainees', value: 46 }]],
      ]);
      expect(taskDiff.filter((c) => c.eventType === 'TaskCompleted').map((c) => c.field)).toEqual([
        'status',
        'progress',
        'completedAt',
        'metrics',
        'evidence',
      ]);
      expect(taskDiff.find((c) => c.eventType === 'TaskCompleted')?.actor).toEqual({
        id: 'manager-management',
        role: 'UNIT_MANAGER',
      });
    });

    it('keeps to the period, and refuses unknown tasks and reversed periods', async () => {
      const { taskDiff } = await auditor.ok<{ taskDiff: { eventType: string }[] }>(
        `query($id: ID!) { taskDiff(id: $id, from: "2023-12-01T00:00:00Z", to: "2023-12-31T00:00:00Z") { eventType } }`,
        { id: training },
      );
      expect(taskDiff).toEqual([]);
      const missing = await auditor.fails(
        '{ taskDiff(id: "00000000-0000-4000-8000-000000000000", from: "2023-01-01T00:00:00Z", to: "2023-12-31T00:00:00Z") { field } }',
      );
      expect(missing.extensions?.code).toBe('NOT_FOUND');
      const reversed = await auditor.fails(
        `{ taskDiff(id: "${training}", from: "2023-12-31T00:00:00Z", to: "2023-01-01T00:00:00Z") { field } }`,
      );
      expect(reversed.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  it('exposes the additions with exactly the types the issue gives', async () => {
    const { __schema } = await auditor.ok<{
      __schema: {
        types: {
          name: string;
          fields: { name: string; type: TypeRef; args: { name: string; type: TypeRef }[] }[] | null;
        }[];
      };
    }>(`{ __schema { types { name fields { name type { ...T } args { name type { ...T } } } } } }
        fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`);
    const show = (t: TypeRef): string =>
      t.kind === 'NON_NULL' ? `${show(t.ofType!)}!` : t.kind === 'LIST' ? `[${show(t.ofType!)}]` : t.name!;
    const fields = (type: string) =>
      Object.fromEntries(
        (__schema.types.find((t) => t.name === type)?.fields ?? []).map((f) => [
          f.name,
          f.args.length
            ? `(${f.args.map((a) => `${a.name}: ${show(a.type)}`).join(', ')}): ${show(f.type)}`
            : show(f.type),
        ]),
      );
    expect(fields('AuditDigest')).toEqual({
      asOf: 'DateTime!',
      digest: 'String!',
      streams: 'Int!',
      events: 'Int!',
    });
    expect(fields('UnitScore')).toEqual({
      unit: 'Unit!',
      total: 'Int!',
      completed: 'Int!',
      completedOnTime: 'Int!',
      overdue: 'Int!',
      wasOverdue: 'Int!',
      onTimeRate: 'Float!',
    });
    expect(fields('MetricTotal')).toEqual({
      program: 'Program!',
      key: 'String!',
      label: 'String!',
      target: 'Float!',
      achieved: 'Float!',
      unit: 'String',
    });
    expect(fields('FieldChange')).toEqual({
      field: 'String!',
      from: 'JSON',
      to: 'JSON!',
      at: 'DateTime!',
      actor: 'Actor!',
      eventType: 'String!',
    });
    const query = fields('Query');
    expect(query.auditDigest).toBe('(asOf: DateTime): AuditDigest!');
    expect(query.unitScores).toBe('(from: DateTime, to: DateTime): [UnitScore!]!');
    expect(query.metricTotals).toBe('(asOf: DateTime, programId: ID): [MetricTotal!]!');
    expect(query.taskDiff).toBe('(from: DateTime!, id: ID!, to: DateTime!): [FieldChange!]!');
  });
});

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
