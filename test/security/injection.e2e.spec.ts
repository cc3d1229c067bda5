import { randomUUID } from 'node:crypto';
import { type Api, dropSchemas, postgresReachable, TEST_DATABASE_URL, TestApp } from '../support/harness.js';
import { assignTrainingById, inDays, OFFICE, registerOrganisation } from '../support/fixtures.js';
import { expectConsistent } from './support/consistency.js';
import { SCRIPT_FRAGMENTS, SQL_FRAGMENTS, UNICODE_EDGES } from './support/hostile.js';

jest.setTimeout(120_000);

const DATABASE_URL = TEST_DATABASE_URL;

/** Titles that hold SQL's metacharacters literally: a search must find exactly these. */
const LITERAL_TITLES = {
  percent: '完成率 100% 的培训',
  underscore: 'train_the_trainers',
  quote: "O'Brien 的来访",
  backslash: 'path\\to\\report',
  bang: '紧急! 请办理',
  script: '<script>alert(1)</script> 汇报',
};

const HOSTILE = [...SQL_FRAGMENTS, ...SCRIPT_FRAGMENTS, ...UNICODE_EDGES, 'x'.repeat(10_000)];

interface Counted {
  tasks: { totalCount: number; edges: { node: { id: string; title: string } }[] };
}

const TASKS = `query($f: TaskFilter) { tasks(filter: $f, first: 200) { totalCount edges { node { id title } } } }`;
const AUDIT = `query($f: AuditFilter) { auditLog(filter: $f, first: 1000) { edges { node { type streamId } } } }`;

function describeInjection(
  label: string,
  env: () => Promise<NodeJS.ProcessEnv | null>,
  cleanup?: () => Promise<void>,
) {
  describe(`hostile strings in every filter are data, never SQL (${label})`, () => {
    let app: TestApp | null = null;
    let office: Api;
    const ids: Record<string, string> = {};
    let total = 0;
    let events = 0;

    const codes = (result: { errors?: readonly { extensions?: { code?: string } }[] }) =>
      (result.errors ?? []).map((e) => e.extensions?.code);

    beforeAll(async () => {
      const extra = await env();
      if (!extra) return;
      app = await TestApp.start({ env: { ...extra, RATE_LIMIT_REQUESTS: '0', RATE_LIMIT_MUTATIONS: '0' } });
      office = await app.client(OFFICE);
      await registerOrganisation(office);
      for (const [key, title] of Object.entries(LITERAL_TITLES)) {
        ids[key] = randomUUID();
        await assignTrainingById(office, {
          taskId: ids[key],
          deadline: inDays(20),
          title,
          description: null,
          partner: null,
        });
      }
      total = Object.keys(LITERAL_TITLES).length;
      events = 3 + total;
    });

    afterAll(async () => {
      await app?.stop();
      await cleanup?.();
    });

    it('search matches %, _, quote, backslash and ! literally', async () => {
      if (!app) return;
      const found = async (search: string) =>
        (await office.ok<Counted>(TASKS, { f: { search } })).tasks.edges.map((e) => e.node.id).sort();
      expect(await found('100%')).toEqual([ids.percent]);
      expect(await found('%')).toEqual([ids.percent]);
      expect(await found('_')).toEqual([ids.underscore]);
      expect(await found("'")).toEqual([ids.quote]);
      expect(await found('\\')).toEqual([ids.backslash]);
      expect(await found('!')).toEqual([ids.bang]);
      expect(await found('<script>')).toEqual([ids.script]);
      expect(await found("' OR '1'='1")).toEqual([]);
      expect(await found('%_%')).toEqual([]);
    });

    /** Everything that went wrong, so one run shows every offending value. */
    const problems: string[] = [];
    const check = (
      what: string,
      value: string,
      result: { errors?: readonly { extensions?: { code?: string } }[] },
      allowed: string[],
    ) => {
      const bad = codes(result).filter((c) => !allowed.includes(String(c)));
      if (bad.length)
        problems.push(
          `${what} ${JSON.stringify(value.slice(0, 60))}: ${bad.join(', ')} ${JSON.stringify(result.errors).slice(0, 300)}`,
        );
      return bad.length === 0 && !result.errors;
    };

    it('every hostile string in every task filter: no server error, no rows that do not match', async () => {
      if (!app) return;
      for (const value of HOSTILE) {
        for (const [name, f] of Object.entries({
          search: { search: value },
          unitId: { unitId: value },
          programId: { programId: value },
        })) {
          const result = await office.call<Counted>(TASKS, { f });
          if (!check(`tasks(filter: {${name}})`, value, result, ['BAD_USER_INPUT'])) continue;
          const titles = result.data!.tasks.edges.map((e) => e.node.title);
          const matching =
            name === 'search' ? titles.filter((t) => t.toLowerCase().includes(value.toLowerCase())) : [];
          if (titles.length !== matching.length)
            problems.push(
              `tasks(filter: {${name}}) ${JSON.stringify(value)} returned ${JSON.stringify(titles)}`,
            );
        }
      }
      expect(problems.splice(0)).toEqual([]);
      expect((await office.ok<Counted>(TASKS, {})).tasks.totalCount).toBe(total);
    });

    it('every hostile string in every audit filter and in verifyHistory: no server error, nothing matched', async () => {
      if (!app) return;
      for (const value of HOSTILE) {
        for (const [name, f] of Object.entries({
          streamId: { streamId: value },
          actorId: { actorId: value },
          unitId: { unitId: value },
          types: { types: [value] },
        })) {
          const result = await office.call<{ auditLog: { edges: unknown[] } }>(AUDIT, { f });
          if (
            check(`auditLog(filter: {${name}})`, value, result, ['BAD_USER_INPUT']) &&
            result.data!.auditLog.edges.length
          ) {
            problems.push(
              `auditLog(filter: {${name}}) ${JSON.stringify(value)} matched ${result.data!.auditLog.edges.length} events`,
            );
          }
        }
        const verified = await office.call<{ verifyHistory: { ok: boolean; eventsChecked: number } }>(
          'query($s: String) { verifyHistory(streamId: $s) { ok eventsChecked } }',
          { s: value },
        );
        if (
          check('verifyHistory(streamId)', value, verified, ['BAD_USER_INPUT']) &&
          verified.data!.verifyHistory.eventsChecked !== 0
        ) {
          problems.push(`verifyHistory(streamId: ${JSON.stringify(value)}) checked events`);
        }
        for (const [what, query] of Object.entries({
          'task(id)': 'query($s: ID!) { task(id: $s) { id } }',
          'tasks(after)': 'query($s: String) { tasks(after: $s) { totalCount } }',
          'auditLog(after)': 'query($s: String) { auditLog(after: $s) { edges { cursor } } }',
        })) {
          check(what, value, await office.call<Record<string, unknown>>(query, { s: value }), [
            'BAD_USER_INPUT',
            'NOT_FOUND',
          ]);
        }
      }
      expect(problems.splice(0)).toEqual([]);
    });

    it('text no store can hold (U+0000, lone surrogates) is BAD_USER_INPUT naming the field, in writes and reads', async () => {
      if (!app) return;
      for (const text of ['a\u0000b', '\uD800', 'x\uDFFF\uD800y']) {
        const comment = await office.call(
          'mutation($input: CommentInput!) { addComment(input: $input) { position } }',
          {
            input: { taskId: ids.percent, text },
          },
        );
        expect(comment.errors?.map((e) => [e.extensions?.code, e.message.split(':')[0]])).toEqual([
          ['BAD_USER_INPUT', 'input.text'],
        ]);
        const keyed = await office.call(
          'mutation($input: CommentInput!) { addComment(input: $input) { position } }',
          {
            input: { taskId: ids.percent, text: 'ok', idempotencyKey: text },
          },
        );
        expect(codes(keyed)).toEqual(['BAD_USER_INPUT']);
        const search = await office.call(TASKS, { f: { search: text } });
        expect(search.errors?.map((e) => e.message.split(':')[0])).toEqual(['f.search']);
      }
    });

    it('afterwards every table is intact: all tasks and events are there, replay equals the read model', async () => {
      if (!app) return;
      expect((await office.ok<Counted>(TASKS, {})).tasks.totalCount).toBe(total);
      const { verifyHistory } = await office.ok<{ verifyHistory: { ok: boolean; eventsChecked: number } }>(
        '{ verifyHistory { ok eventsChecked } }',
      );
      expect(verifyHistory).toEqual({ ok: true, eventsChecked: events });
      await expectConsistent(app);
    });
  });
}

describeInjection('SQLite', async () => ({}));

const SCHEMA = `sec_injection_${process.pid}_${Date.now()}`;
describeInjection(
  'PostgreSQL',
  async () => {
    if (!(await postgresReachable(DATABASE_URL))) {
      console.log('skipped: no PostgreSQL');
      return null;
    }
    return { EVENT_STORE: 'postgres', READ_MODEL: 'postgres', DATABASE_URL, DATABASE_SCHEMA: SCHEMA };
  },
  () => dropSchemas(DATABASE_URL, [SCHEMA]).catch(() => undefined),
);
