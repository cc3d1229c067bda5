import { defineEventSchemas, EVENT_SCHEMAS, taskStream, unitStream, type Actor } from '#domain';
import type { RecordedEvent } from '#event-store';
import { inPeriod, metricTotals, unitScores } from './assessment.js';
import { LogFold } from '../as-of/log-fold.js';
import { taskDiff } from './task-diff.js';

const office: Actor = { id: 'office-1', role: 'office' };
const manager: Actor = { id: 'm-1', role: 'unit_manager', unitId: 'management' };

/** A tiny log builder: events in order, positions and revisions counted for us. */
function log() {
  const events: RecordedEvent[] = [];
  const revisions = new Map<string, number>();
  const add = (
    streamId: string,
    type: string,
    data: unknown,
    at: string,
    actor: Actor = office,
    schemaVersion = 1,
  ) => {
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    events.push({
      id: `e-${events.length + 1}`,
      streamId,
      revision,
      position: BigInt(events.length + 1),
      type,
      data,
      metadata: {
        actor,
        correlationId: 'c',
        causationId: null,
        occurredAt: at,
        schemaVersion,
        previousHash: null,
        hash: 'h',
      },
    });
  };
  return {
    events,
    unit: (id: string, name: string) =>
      add(unitStream(id), 'UnitRegistered', { unitId: id, name, contacts: [] }, '2023-01-01T00:00:00.000Z'),
    assign: (
      id: string,
      unitId: string,
      deadline: string,
      at: string,
      targets: unknown[] = [],
      programId = 'tibet',
    ) =>
      add(
        taskStream(id),
        'TaskAssigned',
        {
          taskId: id,
          title: `任务 ${id}`,
          description: null,
          programId,
          partner: null,
          unitId,
          assignee: null,
          deadline,
          targets,
        },
        at,
      ),
    progress: (id: string, at: string, metrics: unknown[] = [], progress = 50) =>
      add(
        taskStream(id),
        'ProgressReported',
        { taskId: id, progress, note: null, metrics, evidence: [] },
        at,
        manager,
      ),
    complete: (id: string, at: string, metrics: unknown[] = []) =>
      add(
        taskStream(id),
        'TaskCompleted',
        { taskId: id, summary: '完成', metrics, evidence: ['doc'] },
        at,
        manager,
      ),
    reopen: (id: string, at: string) =>
      add(taskStream(id), 'TaskReopened', { taskId: id, reason: '证据不足' }, at),
    cancel: (id: string, at: string) =>
      add(taskStream(id), 'TaskCancelled', { taskId: id, reason: '取消' }, at),
    reassign: (id: string, from: string, to: string, at: string) =>
      add(
        taskStream(id),
        'TaskReassigned',
        {
          taskId: id,
          previousUnitId: from,
          unitId: to,
          previousAssignee: null,
          assignee: null,
          reason: '调整',
        },
        at,
      ),
    comment: (id: string, at: string) =>
      add(taskStream(id), 'CommentAdded', { taskId: id, text: '备注' }, at, manager),
    raw: add,
  };
}

const fold = (events: RecordedEvent[], asOf: string) => {
  const f = new LogFold(asOf);
  for (const e of events) f.add(e);
  return f;
};
const YEAR = { from: '2023-01-01T00:00:00.000Z', to: '2023-12-31T23:59:59.999Z' };

describe('the assessment period', () => {
  it('leaves out cancelled tasks and those completed before it began, keeps work carried over', () => {
    const l = log();
    l.assign('a', 'management', '2022-12-01T00:00:00.000Z', '2022-10-01T00:00:00.000Z');
    l.complete('a', '2022-11-01T00:00:00.000Z');
    l.assign('b', 'management', '2023-02-01T00:00:00.000Z', '2022-10-01T00:00:00.000Z');
    l.assign('c', 'management', '2023-06-01T00:00:00.000Z', '2023-03-01T00:00:00.000Z');
    l.cancel('c', '2023-04-01T00:00:00.000Z');
    const tasks = fold(l.events, YEAR.to);
    expect(['a', 'b', 'c'].map((id) => inPeriod(tasks.tasks.get(id)!, YEAR))).toEqual([false, true, false]);
  });
});

describe('unitScores', () => {
  it('scores each unit on the tasks it holds at the end, lists units without tasks, ranks by on-time rate', () => {
    const l = log();
    l.unit('management', '管理学院');
    l.unit('automotive', '汽车技术学院');
    l.unit('library', '图书馆');
    l.assign('on-time', 'management', '2023-06-30T00:00:00.000Z', '2023-01-10T00:00:00.000Z');
    l.complete('on-time', '2023-06-01T00:00:00.000Z');
    l.assign('late', 'management', '2023-03-01T00:00:00.000Z', '2023-01-10T00:00:00.000Z');
    l.complete('late', '2023-03-05T00:00:00.000Z');
    l.assign('moved', 'management', '2023-12-01T00:00:00.000Z', '2023-01-10T00:00:00.000Z');
    l.reassign('moved', 'management', 'automotive', '2023-05-01T00:00:00.000Z');
    l.assign('open', 'automotive', '2024-03-01T00:00:00.000Z', '2023-11-10T00:00:00.000Z');
    const scores = unitScores(fold(l.events, YEAR.to), YEAR);
    expect(scores).toEqual([
      {
        unitId: 'management',
        total: 2,
        completed: 2,
        completedOnTime: 1,
        overdue: 0,
        wasOverdue: 1,
        onTimeRate: 0.5,
      },
      {
        unitId: 'automotive',
        total: 2,
        completed: 0,
        completedOnTime: 0,
        overdue: 1,
        wasOverdue: 1,
        onTimeRate: 0,
      },
      {
        unitId: 'library',
        total: 0,
        completed: 0,
        completedOnTime: 0,
        overdue: 0,
        wasOverdue: 0,
        onTimeRate: 0,
      },
    ]);
  });
});

describe('metricTotals', () => {
  it('adds counts, averages percentages, counts an unreported metric as 0, and skips cancelled tasks', () => {
    const l = log();
    const trainees = { key: 'trainees', label: '培训人数', target: 100, unit: '人' };
    const satisfaction = { key: 'satisfaction', label: '满意度', target: 95, unit: '%' };
    l.assign('a', 'management', '2023-06-30T00:00:00.000Z', '2023-01-10T00:00:00.000Z', [
      trainees,
      satisfaction,
    ]);
    l.progress('a', '2023-02-01T00:00:00.000Z', [
      { key: 'trainees', value: 40 },
      { key: 'satisfaction', value: 90 },
    ]);
    l.complete('a', '2023-03-01T00:00:00.000Z', [{ key: 'trainees', value: 92 }]);
    l.assign('b', 'management', '2023-06-30T00:00:00.000Z', '2023-01-10T00:00:00.000Z', [
      { ...trainees, target: 50 },
      { ...satisfaction, target: 85 },
    ]);
    l.assign('c', 'management', '2023-06-30T00:00:00.000Z', '2023-01-10T00:00:00.000Z', [trainees]);
    l.cancel('c', '2023-02-01T00:00:00.000Z');
    l.assign(
      'd',
      'management',
      '2023-06-30T00:00:00.000Z',
      '2023-01-10T00:00:00.000Z',
      [trainees],
      'xinjiang',
    );
    const tasks = fold(l.events, YEAR.to).existingTasks();
    expect(metricTotals(tasks)).toEqual([
      { programId: 'tibet', key: 'trainees', label: '培训人数', target: 150, achieved: 92, unit: '人' },
      { programId: 'tibet', key: 'satisfaction', label: '满意度', target: 90, achieved: 90, unit: '%' },
      { programId: 'xinjiang', key: 'trainees', label: '培训人数', target: 100, achieved: 0, unit: '人' },
    ]);
    expect(metricTotals(tasks, { programId: 'xinjiang' })).toHaveLength(1);
  });
});

describe('taskDiff', () => {
  const l = log();
  l.assign('t', 'management', '2023-06-30T00:00:00.000Z', '2023-01-10T00:00:00.000Z');
  l.comment('t', '2023-02-01T00:00:00.000Z');
  l.progress('t', '2023-03-01T00:00:00.000Z');
  l.complete('t', '2023-04-01T00:00:00.000Z');
  l.reopen('t', '2023-05-01T00:00:00.000Z');

  it('names each field each event changed, with the values before and after', () => {
    const changes = taskDiff(l.events, '2023-02-01T00:00:00.000Z', '2023-12-31T00:00:00.000Z');
    expect(changes.map((c) => [c.eventType, c.field, c.from, c.to])).toEqual([
      ['ProgressReported', 'status', 'ASSIGNED', 'IN_PROGRESS'],
      ['ProgressReported', 'progress', 0, 50],
      ['TaskCompleted', 'status', 'IN_PROGRESS', 'COMPLETED'],
      ['TaskCompleted', 'progress', 50, 100],
      ['TaskCompleted', 'completedAt', null, '2023-04-01T00:00:00.000Z'],
      ['TaskCompleted', 'evidence', [], ['doc']],
      ['TaskReopened', 'status', 'COMPLETED', 'IN_PROGRESS'],
      ['TaskReopened', 'completedAt', '2023-04-01T00:00:00.000Z', null],
    ]);
    expect(changes[0]).toMatchObject({ at: '2023-03-01T00:00:00.000Z', actor: manager, position: 3n });
  });

  it('starts from nothing at the assignment', () => {
    const changes = taskDiff(l.events, '2023-01-01T00:00:00.000Z', '2023-01-31T00:00:00.000Z');
    expect(changes.every((c) => c.eventType === 'TaskAssigned' && c.from === null)).toBe(true);
    expect(changes.map((c) => c.field)).toEqual(['title', 'programId', 'unitId', 'status', 'deadline']);
  });
});

describe('LogFold', () => {
  it('upcasts what it is fed, so an audit bundle of stored shapes folds like the store', () => {
    const schemas = defineEventSchemas({
      ...EVENT_SCHEMAS,
      TaskCompleted: {
        version: 2,
        upcasters: { 1: (data) => ({ evidence: [], metrics: [], ...(data as object) }) },
      },
    });
    const l = log();
    l.assign('t', 'management', '2023-06-30T00:00:00.000Z', '2023-01-10T00:00:00.000Z');
    l.raw(
      taskStream('t'),
      'TaskCompleted',
      { taskId: 't', summary: '旧格式' },
      '2023-02-01T00:00:00.000Z',
      manager,
      1,
    );
    const folded = new LogFold(YEAR.to, { schemas });
    for (const e of l.events) folded.add(e);
    expect(folded.tasks.get('t')).toMatchObject({ status: 'COMPLETED', evidence: [], metrics: [] });
    expect(new LogFold('2023-01-31T00:00:00.000Z').add(l.events[1])).toBe(false);
  });
});
