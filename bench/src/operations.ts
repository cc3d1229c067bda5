/** The GraphQL operations the load sends, the same text to the API and to the bare baseline. */

const TASK_FIELDS = `id title description partner assignee status progress deadline overdue health revision updatedAt
  program { id name } unit { id name } targets { key label target unit } metrics { key value }`;

export const TASK_QUERY = `query Task($id: ID!, $asOf: DateTime) { task(id: $id, asOf: $asOf) { ${TASK_FIELDS} } }`;

/** A unit's open work, as the board's task list asks for it (with each task's unit and programme). */
export const TASKS_QUERY = `query Tasks($filter: TaskFilter) {
  tasks(first: 50, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id title status progress deadline overdue health unit { id name } program { id name } } }
  } }`;

/** The same list without the per-task unit and programme fields (diagnostic: their resolvers' cost). */
export const TASKS_FLAT_QUERY = `query Tasks($filter: TaskFilter) {
  tasks(first: 50, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id title status progress deadline overdue health } }
  } }`;

export const BOARD_QUERY = `query Board { board { asOf
  cells { unit { id name } program { id name } total assigned inProgress blocked completed cancelled overdue } } }`;

export const REPORT_MUTATION = `mutation Report($input: ReportProgressInput!) {
  reportProgress(input: $input) { position task { id revision status progress updatedAt } } }`;

export const body = (query: string, variables?: Record<string, unknown>): string =>
  JSON.stringify(variables ? { query, variables } : { query });
