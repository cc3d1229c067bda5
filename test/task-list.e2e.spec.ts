import { randomUUID } from 'node:crypto';
import { TestApp, type Api } from './support/harness.js';
import {
  ASSIGN,
  AUDITOR,
  inDays,
  MANAGEMENT_MANAGER,
  OFFICE,
  registerOrganisation,
  REPORT,
  TIBET,
  trainingTask,
  UNITS,
} from './support/fixtures.js';

const XINJIANG = { id: 'xinjiang', name: '援疆', region: '新疆和田' };
const LIST = `query($filter: TaskFilter, $first: Int, $after: String) {
  tasks(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id unit { id name contacts } program { id name region } } } } }`;

interface Node {
  id: string;
  unit: { id: string; name: string; contacts: string[] };
  program: { id: string; name: string; region: string | null };
}
interface Page {
  tasks: {
    totalCount?: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: Node }[];
  };
}

/** The task list answers a page's units and programmes from batched reads; each task still gets its own. */
describe('a page of tasks with their units and programmes', () => {
  let app: TestApp;
  let office: Api;
  let auditor: Api;
  const placed = new Map<string, { unitId: string; programId: string }>();

  beforeAll(async () => {
    app = await TestApp.start();
    office = await app.client(OFFICE);
    auditor = await app.client(AUDITOR);
    await registerOrganisation(office, [TIBET, XINJIANG]);
    for (let i = 0; i < 12; i++) {
      const unitId = UNITS[i % 2]!.id;
      const programId = i % 3 === 0 ? XINJIANG.id : TIBET.id;
      const taskId = randomUUID();
      await office.ok(ASSIGN, {
        input: { ...trainingTask(inDays(30 + i)), taskId, unitId, programId, targets: [] },
      });
      placed.set(taskId, { unitId, programId });
    }
  });
  afterAll(() => app?.stop());

  const expected = (node: Node) => {
    const where = placed.get(node.id)!;
    const unit = UNITS.find((u) => u.id === where.unitId)!;
    const program = [TIBET, XINJIANG].find((p) => p.id === where.programId)!;
    return { id: node.id, unit, program };
  };

  it('gives every task of a page its own unit and programme, across pages', async () => {
    const seen: Node[] = [];
    let after: string | null = null;
    do {
      const page: Page = await auditor.ok<Page>(LIST, { first: 5, after });
      expect(page.tasks.totalCount).toBe(12);
      seen.push(...page.tasks.edges.map((edge) => edge.node));
      after = page.tasks.pageInfo.hasNextPage ? page.tasks.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(12);
    for (const node of seen) expect(node).toEqual(expected(node));
  });

  it('answers a page without counting when totalCount is not asked for, and counts the filter when it is', async () => {
    const flat = await auditor.ok<Page>(
      `{ tasks(first: 3, filter: { unitId: "automotive" }) { pageInfo { hasNextPage } edges { node { id } } } }`,
    );
    expect(flat.tasks.edges).toHaveLength(3);
    expect(flat.tasks.totalCount).toBeUndefined();
    const counted = await auditor.ok<Page>(LIST, { filter: { unitId: 'automotive', programId: 'tibet' } });
    expect(counted.tasks.totalCount).toBe(4);
    expect(counted.tasks.edges.map((edge) => edge.node.id).sort()).toEqual(
      [...placed]
        .filter(([, p]) => p.unitId === 'automotive' && p.programId === 'tibet')
        .map(([id]) => id)
        .sort(),
    );
  });

  it('shows a renamed unit on the next request (nothing is cached between requests)', async () => {
    await office.ok(`mutation($input: UpdateUnitInput!) { updateUnit(input: $input) { id } }`, {
      input: { id: 'management', name: '管理学院（新）' },
    });
    // The rename is projected by the time updateUnit answers (read-your-writes).
    const page = await auditor.ok<Page>(LIST, { filter: { unitId: 'management' }, first: 6 });
    expect(page.tasks.edges.map((edge) => edge.node.unit.name)).toEqual(Array(6).fill('管理学院（新）'));
  });

  it('answers a mutation with the task as of its write, and the next query sees it', async () => {
    const manager = await app.client(MANAGEMENT_MANAGER);
    const [taskId] = [...placed].find(([, p]) => p.unitId === 'management')!;
    const { reportProgress } = await manager.ok<{
      reportProgress: {
        position: string;
        task: { progress: number; revision: number; unit: { name: string } };
      };
    }>(REPORT, { input: { taskId, progress: 40, note: '第一批结业', metrics: [] } });
    expect(reportProgress.task).toMatchObject({
      progress: 40,
      revision: 1,
      unit: { name: '管理学院（新）' },
    });
    const { task } = await auditor.ok<{ task: { progress: number; revision: number } }>(
      `query($id: ID!) { task(id: $id) { progress revision } }`,
      { id: taskId },
    );
    expect(task).toEqual({ progress: 40, revision: 1 });
  });

  it("answers every GraphQL response with Cache-Control: no-store (one caller's view)", async () => {
    const response = await fetch(auditor.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await app.token(AUDITOR)}` },
      body: JSON.stringify({ query: '{ board { cells { total } } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
