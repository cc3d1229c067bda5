import type { Api } from './harness.js';

/** Demo data from the 2023 work report (the college's counterpart-assistance programme). */
export const OFFICE = { id: 'office-1', role: 'office', name: '对口支援办公室' } as const;
export const AUDITOR = { id: 'auditor-1', role: 'auditor', name: '省厅考核组' } as const;
export const WORKER = { id: 'reminder-worker', role: 'worker' } as const;
export const MANAGEMENT_MANAGER = {
  id: 'mgr-management',
  role: 'unit_manager',
  unit: 'management',
  name: '管理学院',
} as const;
export const AUTOMOTIVE_MANAGER = {
  id: 'mgr-automotive',
  role: 'unit_manager',
  unit: 'automotive',
  name: '汽车技术学院',
} as const;

export const TASK_FIELDS = `
  id title description partner assignee status progress deadline overdue wasOverdue health
  acknowledgedAt revision createdAt updatedAt completedAt
  program { id name region }
  unit { id name contacts }
  targets { key label target unit }
  metrics { key value }
`;

export const REGISTER_UNIT = `mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id name contacts } }`;
export const REGISTER_PROGRAM = `mutation($input: RegisterProgramInput!) { registerProgram(input: $input) { id name region } }`;
export const ASSIGN = `mutation($input: AssignTaskInput!) { assignTask(input: $input) { position task { ${TASK_FIELDS} } } }`;
export const ACKNOWLEDGE = `mutation($input: AcknowledgeTaskInput!) { acknowledgeTask(input: $input) { position task { ${TASK_FIELDS} } } }`;
export const REPORT = `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { position task { ${TASK_FIELDS} } } }`;
export const COMPLETE = `mutation($input: CompleteTaskInput!) { completeTask(input: $input) { position task { ${TASK_FIELDS} } } }`;
export const REASSIGN = `mutation($input: ReassignTaskInput!) { reassignTask(input: $input) { position task { ${TASK_FIELDS} } } }`;
/** An assignment that answers with its position only. */
export const ASSIGN_POSITION = `mutation($input: AssignTaskInput!) { assignTask(input: $input) { position } }`;
export const COMMENT = `mutation($input: CommentInput!) { addComment(input: $input) { position task { id revision } } }`;
export const TASK = `query($id: ID!, $asOf: DateTime) { task(id: $id, asOf: $asOf) { ${TASK_FIELDS}
  reminders { kind } history { position streamId revision type occurredAt actor { id name role unitId } data hash previousHash } } }`;

export const UNITS = [
  { id: 'management', name: '管理学院', contacts: ['management@example.edu.cn'] },
  { id: 'automotive', name: '汽车技术学院', contacts: ['https://hooks.example.edu.cn/automotive'] },
];
export const TIBET = { id: 'tibet', name: '援藏', region: '西藏林芝' };

export const trainingTask = (deadline: string) => ({
  title: '为林芝市职业技术学校培训管理干部',
  description: '举办管理干部培训班，培训 92 人',
  programId: 'tibet',
  partner: '林芝市职业技术学校',
  unitId: 'management',
  assignee: '管理学院培训中心',
  deadline,
  targets: [{ key: 'trainees', label: '培训人数', target: 92, unit: '人' }],
});

/** An instant `days` from now, ISO-8601 UTC. */
export const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The office registers the demo units and the programmes (援藏 unless others are given). */
export async function registerOrganisation(
  office: Api,
  programs: readonly { id: string; name: string; region: string }[] = [TIBET],
): Promise<void> {
  for (const unit of UNITS) await office.ok(REGISTER_UNIT, { input: unit });
  for (const program of programs) await office.ok(REGISTER_PROGRAM, { input: program });
}

/** The office assigns the training task, due in 30 days unless `input` says otherwise; returns its id. */
export async function assignTraining(office: Api, input: Record<string, unknown> = {}): Promise<string> {
  const { assignTask } = await office.ok<{ assignTask: { task: { id: string } } }>(ASSIGN, {
    input: { ...trainingTask(inDays(30)), ...input },
  });
  return assignTask.task.id;
}

/**
 * The office assigns the training task under the caller's `taskId` (due in 30 days unless `input`
 * says otherwise), asking for the position only.
 */
export async function assignTrainingById(office: Api, input: { taskId: string } & Record<string, unknown>) {
  await office.ok(ASSIGN_POSITION, { input: { ...trainingTask(inDays(30)), ...input } });
}

/** How many events the store holds, as verifyHistory counts them. */
export async function eventCount(api: Api): Promise<number> {
  const { verifyHistory } = await api.ok<{ verifyHistory: { eventsChecked: number } }>(
    '{ verifyHistory { eventsChecked } }',
  );
  return verifyHistory.eventsChecked;
}
