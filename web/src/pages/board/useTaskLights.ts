import { useEffect, useState } from 'react';
import { useClient, type Client, type OperationResult } from 'urql';
import {
  TaskLightsDocument,
  type TaskLightsQuery,
  type TaskHealth,
  type TaskLightFragment,
} from '../../gql/graphql';
import { worstHealth } from '../../lib/health';
import { cellKey } from './board-model';

/**
 * Aliased task(id, asOf) lookups per request: under the API's default GRAPHQL_MAX_ALIASES
 * (15). TaskLights pages by 50 for the same reason: graphql-armor multiplies a literal
 * `first` into the query cost (GRAPHQL_MAX_COST, default 5000).
 */
const AS_OF_BATCH = 10;

const LIGHT_FIELDS = 'id title status health overdue unit { id } program { id }';

export interface Lights {
  /** Worst health per square (cellKey). */
  readonly byCell: Map<string, TaskHealth>;
  /** The tasks as they stood (now or asOf), by id. */
  readonly tasks: Map<string, TaskLightFragment>;
}

async function currentTasks(client: Client): Promise<TaskLightFragment[]> {
  const tasks: TaskLightFragment[] = [];
  let after: string | null = null;
  for (;;) {
    const result: OperationResult<TaskLightsQuery> = await client
      .query(TaskLightsDocument, { after }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.error || !result.data) throw result.error ?? new Error('no data');
    const page: TaskLightsQuery['tasks'] = result.data.tasks;
    tasks.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return tasks;
    after = page.pageInfo.endCursor;
  }
}

/** Each task as it stood at asOf, rebuilt by the server from its events (null: not yet assigned). */
async function tasksAsOf(client: Client, ids: string[], asOf: string): Promise<TaskLightFragment[]> {
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += AS_OF_BATCH) batches.push(ids.slice(i, i + AS_OF_BATCH));
  const results = await Promise.all(
    batches.map(async (batch) => {
      const params = batch.map((_, i) => `$id${i}: ID!`).join(', ');
      const fields = batch.map((_, i) => `t${i}: task(id: $id${i}, asOf: $asOf) { ${LIGHT_FIELDS} }`);
      const query = `query TaskLightsAsOf($asOf: DateTime, ${params}) { ${fields.join(' ')} }`;
      const variables: Record<string, string> = { asOf };
      batch.forEach((id, i) => (variables[`id${i}`] = id));
      const result = await client
        .query<Record<string, TaskLightFragment | null>>(query, variables, { requestPolicy: 'network-only' })
        .toPromise();
      if (result.error || !result.data) throw result.error ?? new Error('no data');
      return Object.values(result.data).filter((task): task is TaskLightFragment => task !== null);
    }),
  );
  return results.flat();
}

function summarise(tasks: TaskLightFragment[]): Lights {
  const byCell = new Map<string, TaskHealth>();
  const byId = new Map<string, TaskLightFragment>();
  for (const task of tasks) {
    byId.set(task.id, task);
    const key = cellKey(task.unit.id, task.program.id);
    byCell.set(key, worstHealth([byCell.get(key), task.health]) ?? task.health);
  }
  return { byCell, tasks: byId };
}

/**
 * The traffic lights of every task, now or at asOf; `version` refetches (live updates).
 * Tasks are never deleted, so today's list holds every task that existed at asOf.
 */
export function useTaskLights(asOf: string | null, version: number): Lights | null {
  const client = useClient();
  const [lights, setLights] = useState<Lights | null>(null);
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const now = await currentTasks(client);
      const tasks = asOf
        ? await tasksAsOf(
            client,
            now.map((task) => task.id),
            asOf,
          )
        : now;
      if (!cancelled) setLights(summarise(tasks));
    })().catch(() => {
      if (!cancelled) setLights(summarise([]));
    });
    return () => {
      cancelled = true;
    };
  }, [client, asOf, version]);
  return lights;
}
