/** Example operations for each role, offered by the /graphiql playground. Each one runs as is against `npm run demo` data. */
export interface ExampleOperation {
  readonly role: 'office' | 'unit_manager' | 'auditor' | 'worker';
  readonly title: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
}

const TASK_FIELDS = `id title status progress deadline health overdue revision
      unit { id name } program { id name } targets { key label target unit } metrics { key value }`;

export const EXAMPLES: readonly ExampleOperation[] = [
  {
    role: 'office',
    title: 'The whole-school board (一盘棋)',
    query: `query Board($asOf: DateTime) {
  board(asOf: $asOf) {
    asOf
    cells { unit { name } program { name } total completed overdue blocked }
  }
}`,
    variables: { asOf: null },
  },
  {
    role: 'office',
    title: 'Assign a task (下达任务)',
    query: `mutation AssignTask($input: AssignTaskInput!) {
  assignTask(input: $input) {
    position
    task { ${TASK_FIELDS} }
  }
}`,
    variables: {
      input: {
        title: '组织林芝市职业技术学校管理干部培训',
        programId: 'tibet',
        partner: '林芝市职业技术学校',
        unitId: 'management',
        assignee: '宋炜',
        deadline: '2031-06-30T16:00:00Z',
        targets: [{ key: 'trainees', label: '培训人数', target: 92, unit: '人' }],
        idempotencyKey: 'playground-assign-1',
      },
    },
  },
  {
    role: 'office',
    title: 'Overdue tasks (逾期督办)',
    query: `query Overdue {
  tasks(filter: { overdue: true }, first: 20) {
    totalCount
    edges { node { ${TASK_FIELDS} } }
  }
}`,
  },
  {
    role: 'unit_manager',
    title: "My unit's open tasks",
    query: `query MyTasks($unitId: ID!) {
  tasks(filter: { unitId: $unitId, status: [ASSIGNED, IN_PROGRESS, BLOCKED] }, first: 20) {
    totalCount
    edges { node { ${TASK_FIELDS} } }
  }
}`,
    variables: { unitId: 'management' },
  },
  {
    role: 'unit_manager',
    title: 'Sign for a task (签收)',
    query: `mutation Acknowledge($input: AcknowledgeTaskInput!) {
  acknowledgeTask(input: $input) { position task { id status revision } }
}`,
    variables: { input: { taskId: '2b1c7a10-0e0f-4d1a-9a51-000000000010', note: '已签收' } },
  },
  {
    role: 'unit_manager',
    title: 'Report progress with metrics and evidence',
    query: `mutation Report($input: ReportProgressInput!) {
  reportProgress(input: $input) { position task { ${TASK_FIELDS} } }
}`,
    variables: {
      input: {
        taskId: '2b1c7a10-0e0f-4d1a-9a51-000000000003',
        progress: 80,
        note: '第二份衔接方案已完成',
        metrics: [{ key: 'plans', value: 2 }],
        evidence: ['https://docs.example.edu.cn/duikou/2023/3plus3-plan-2.pdf'],
      },
    },
  },
  {
    role: 'auditor',
    title: 'Verify every hash chain',
    query: `query Verify {
  verifyHistory { ok eventsChecked streamsChecked brokenStreamId brokenRevision }
}`,
  },
  {
    role: 'auditor',
    title: 'The audit log of one unit',
    query: `query Audit($unitId: ID) {
  auditLog(filter: { unitId: $unitId }, first: 20) {
    edges { node { position streamId revision type occurredAt actor { id name role } data hash } }
    pageInfo { hasNextPage endCursor }
  }
}`,
    variables: { unitId: 'management' },
  },
  {
    role: 'auditor',
    title: 'A task as it stood at the end of June, with its history',
    query: `query TaskAsOf($id: ID!, $asOf: DateTime) {
  task(id: $id, asOf: $asOf) {
    ${TASK_FIELDS}
    history { revision type occurredAt actor { name role } hash previousHash }
  }
}`,
    variables: { id: '2b1c7a10-0e0f-4d1a-9a51-000000000001', asOf: '2023-06-30T16:00:00Z' },
  },
  {
    role: 'worker',
    title: 'Open tasks due within a week (催办)',
    query: `query DueSoon($dueBefore: DateTime!) {
  tasks(filter: { dueBefore: $dueBefore, status: [ASSIGNED, IN_PROGRESS, BLOCKED] }, first: 50) {
    edges { node { id title deadline unit { id name contacts } } }
  }
}`,
    variables: { dueBefore: '2031-01-01T00:00:00Z' },
  },
];
