/**
 * The baseline for the API: a bare graphql-js server on node:http, with no framework, no
 * auth and no database, answering the same operations (same field selections) from
 * memory. It plans the same tasks from the same seed, so the answers are the same size.
 * What the API adds on top of this (Nest, Apollo, JWT, the read model, the event store)
 * is what the ratio shows.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql } from 'graphql';
import { serve } from './child.js';
import { longTask, plannedPrograms, plannedUnits, planTasks, type PlannedTask } from './workload.js';

const SDL = `
scalar DateTime
enum TaskStatus { ASSIGNED IN_PROGRESS BLOCKED COMPLETED CANCELLED }
enum TaskHealth { GREEN YELLOW RED }
type Unit { id: ID! name: String! contacts: [String!]! }
type Program { id: ID! name: String! region: String }
type MetricTarget { key: String! label: String! target: Float! unit: String }
type MetricValue { key: String! value: Float! }
type Task {
  id: ID! title: String! description: String partner: String assignee: String status: TaskStatus!
  progress: Int! deadline: DateTime! overdue: Boolean! health: TaskHealth! revision: Int!
  updatedAt: DateTime! program: Program! unit: Unit! targets: [MetricTarget!]! metrics: [MetricValue!]!
}
type TaskEdge { cursor: String! node: Task! }
type PageInfo { endCursor: String hasNextPage: Boolean! }
type TaskConnection { edges: [TaskEdge!]! pageInfo: PageInfo! totalCount: Int! }
type BoardCell {
  unit: Unit! program: Program! total: Int! assigned: Int! inProgress: Int! blocked: Int!
  completed: Int! cancelled: Int! overdue: Int!
}
type Board { asOf: DateTime! cells: [BoardCell!]! programs: [Program!]! units: [Unit!]! }
input TaskFilter {
  dueBefore: DateTime overdue: Boolean programId: ID search: String status: [TaskStatus!] unitId: ID
}
input MetricValueInput { key: String! value: Float! }
input ReportProgressInput {
  taskId: ID! progress: Int! note: String metrics: [MetricValueInput!] evidence: [String!]
  expectedRevision: Int idempotencyKey: String
}
type TaskPayload { position: String! task: Task! }
type Query {
  task(id: ID!, asOf: DateTime): Task
  tasks(first: Int = 50, after: String, filter: TaskFilter): TaskConnection!
  board(asOf: DateTime): Board!
}
type Mutation { reportProgress(input: ReportProgressInput!): TaskPayload! }
`;

interface MemoryTask {
  id: string;
  title: string;
  description: string;
  partner: string;
  assignee: string;
  status: string;
  progress: number;
  deadline: string;
  overdue: boolean;
  health: string;
  revision: number;
  updatedAt: string;
  program: { id: string; name: string; region: string };
  unit: { id: string; name: string; contacts: string[] };
  targets: PlannedTask['targets'];
  metrics: { key: string; value: number }[];
  unitId: string;
}

function main(): void {
  const seed = Number(process.env.BENCH_SEED ?? 1);
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const now = new Date().toISOString();
  const units = new Map(plannedUnits().map((u) => [u.id, { ...u, contacts: [`${u.id}@example.edu.cn`] }]));
  const programs = new Map(plannedPrograms().map((p) => [p.id, p]));
  const all: MemoryTask[] = [...planTasks(seed, scale), longTask(seed)].map((t) => ({
    id: t.id,
    title: t.title,
    description: t.description,
    partner: t.partner,
    assignee: t.assignee,
    status: t.open ? 'IN_PROGRESS' : 'COMPLETED',
    progress: t.progress,
    deadline: t.deadline,
    overdue: t.open && t.deadline < now,
    health: t.open && t.deadline < now ? 'RED' : 'GREEN',
    revision: t.eventCount - 1,
    updatedAt: t.deadline,
    program: programs.get(t.programId)!,
    unit: units.get(t.unitId)!,
    targets: t.targets,
    metrics: t.targets.map((m) => ({ key: m.key, value: Math.round(m.target / 2) })),
    unitId: t.unitId,
  }));
  const byId = new Map(all.map((t) => [t.id, t]));
  const sorted = [...all].sort((a, b) =>
    a.deadline === b.deadline ? (a.id < b.id ? -1 : 1) : a.deadline < b.deadline ? -1 : 1,
  );
  let position = all.reduce((n, t) => n + t.revision + 1, 0);

  const cells = new Map<
    string,
    Record<string, unknown> & { total: number; inProgress: number; completed: number; overdue: number }
  >();
  for (const t of all) {
    const key = `${t.unit.id}/${t.program.id}`;
    const cell = cells.get(key) ?? {
      unit: t.unit,
      program: t.program,
      total: 0,
      assigned: 0,
      inProgress: 0,
      blocked: 0,
      completed: 0,
      cancelled: 0,
      overdue: 0,
    };
    cell.total++;
    if (t.status === 'IN_PROGRESS') cell.inProgress++;
    else cell.completed++;
    if (t.overdue) cell.overdue++;
    cells.set(key, cell);
  }

  const rootValue = {
    task: ({ id }: { id: string }) => byId.get(id) ?? null,
    tasks: ({ first, filter }: { first: number; filter?: { unitId?: string; status?: string[] } }) => {
      const matching = sorted.filter(
        (t) =>
          (!filter?.unitId || t.unitId === filter.unitId) &&
          (!filter?.status || filter.status.includes(t.status)),
      );
      const page = matching.slice(0, first);
      return {
        totalCount: matching.length,
        pageInfo: { hasNextPage: matching.length > first, endCursor: page.at(-1)?.id ?? null },
        edges: page.map((node) => ({ cursor: node.id, node })),
      };
    },
    board: () => ({
      asOf: new Date().toISOString(),
      cells: [...cells.values()],
      units: [...units.values()],
      programs: [...programs.values()],
    }),
    reportProgress: ({ input }: { input: { taskId: string; progress: number } }) => {
      const task = byId.get(input.taskId);
      if (!task) throw new Error('task not found');
      task.progress = input.progress;
      task.revision++;
      task.updatedAt = new Date().toISOString();
      return { position: String(++position), task };
    },
  };

  const schema = buildSchema(SDL);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        query: string;
        variables?: Record<string, unknown>;
      };
      void graphql({ schema, source: query, rootValue, variableValues: variables }).then((result) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  let peak = process.memoryUsage().rss;
  setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20).unref();
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    serve({
      info: async () => ({ url: `http://127.0.0.1:${port}/graphql` }),
      peak: async (message) => {
        const rss = process.memoryUsage().rss;
        const result = { peak: Math.max(peak, rss), rss };
        if (message.reset) peak = rss;
        return result;
      },
      stop: async () => {
        server.closeAllConnections();
        server.close();
        setImmediate(() => process.exit(0));
        return {};
      },
    });
    process.send?.({ id: 0, ready: true });
  });
}

main();
