import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { AUTOMOTIVE_MANAGER, MANAGEMENT_MANAGER, OFFICE } from '../support/fixtures.js';
import { ARTIFACTS, demoInBrowser, haveChromium, saveShot, type TaskSummary } from './support/web-app.js';

jest.setTimeout(90_000);

const TASKS = `query($filter: TaskFilter) { tasks(filter: $filter, first: 50) {
  totalCount edges { node { id title status revision deadline } } } }`;
const TASK = `query($id: ID!) { task(id: $id) {
  id title status revision deadline partner assignee unit { id } program { id }
  targets { key label target unit } history { type actor { id role } }
} }`;
const CHANGE_DEADLINE = `mutation($input: ChangeDeadlineInput!) { changeDeadline(input: $input) { task { revision } } }`;

interface TaskNode extends TaskSummary {
  deadline: string;
}
interface Tasks {
  tasks: { totalCount: number; edges: { node: TaskNode }[] };
}
interface TaskDetail {
  task: TaskNode & {
    partner: string;
    assignee: string;
    unit: { id: string };
    program: { id: string };
    targets: { key: string; label: string; target: number; unit: string }[];
    history: { type: string; actor: { id: string; role: string } }[];
  };
}

(haveChromium ? describe : describe.skip)('task forms in the browser', () => {
  const demo = demoInBrowser();

  it('the office assigns a task through the form', async () => {
    const { page, context } = await demo.signIn(OFFICE);
    await page.goto('/tasks');
    await page.getByText('派发新任务').click();
    const form = page.getByRole('form', { name: '派发新任务' });
    await form.getByLabel('标题').fill('为林芝市职业技术学校培训骨干教师');
    await form.getByLabel('说明').fill('2024 年春季学期，线上线下结合');
    await form.getByLabel('帮扶项目').selectOption('tibet');
    await form.getByLabel('合作院校').fill('林芝市职业技术学校');
    await form.getByLabel('承办单位').selectOption('management');
    await form.getByLabel('具体负责人/部门').fill('管理学院培训中心');
    await form.getByLabel('截止时间（北京时间）').fill('2027-03-01T17:00');
    await form.getByRole('button', { name: '添加指标' }).click();
    await form.getByLabel('指标代码').fill('teachers');
    await form.getByLabel('指标名称').fill('培训教师');
    await form.getByLabel('目标值').fill('30');
    await form.getByLabel('计量单位').fill('人');
    await saveShot(page, 'assign-form');
    await form.getByRole('button', { name: '派发', exact: true }).click();

    await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: '为林芝市职业技术学校培训骨干教师' }).waitFor();
    await page.locator('[data-testid="timeline"] > li[data-type="TaskAssigned"]').waitFor();
    const id = page.url().split('/').pop() as string;
    const { task } = await demo.office.ok<TaskDetail>(TASK, { id });
    expect(task).toMatchObject({
      status: 'ASSIGNED',
      deadline: '2027-03-01T09:00:00.000Z',
      partner: '林芝市职业技术学校',
      assignee: '管理学院培训中心',
      unit: { id: 'management' },
      program: { id: 'tibet' },
      targets: [{ key: 'teachers', label: '培训教师', target: 30, unit: '人' }],
    });
    expect(task.history.map((h) => h.actor.id)).toEqual([OFFICE.id]);
    expect(await page.getByRole('button', { name: '改派' }).count()).toBe(1);
    await saveShot(page, 'task-assigned');
    await context.close();
  });

  it('offers a unit manager only the actions of their role on their own unit’s tasks', async () => {
    const { tasks } = await demo.office.ok<Tasks>(TASKS, {
      filter: { unitId: 'management', status: ['ASSIGNED'] },
    });
    const task = tasks.edges[0].node;

    const own = await demo.signIn(MANAGEMENT_MANAGER);
    await own.page.goto(`/tasks/${task.id}`);
    const buttons = own.page.locator('.action-buttons button');
    await buttons.first().waitFor();
    const labels = await buttons.allInnerTexts();
    expect(labels).toEqual(expect.arrayContaining(['报告进度', '标记受阻', '办结', '评论']));
    expect(labels).not.toEqual(expect.arrayContaining(['改派']));
    expect(labels).not.toContain('调整截止时间');
    expect(labels).not.toContain('取消任务');
    await own.context.close();

    const other = await demo.signIn(AUTOMOTIVE_MANAGER);
    await other.page.goto(`/tasks/${task.id}`);
    await other.page.getByText('您的角色不能对此任务进行操作。').waitFor();
    expect(await other.page.locator('.action-buttons button').count()).toBe(0);
    await other.context.close();
  });

  it('shows a CONFLICT in plain words when someone changed the task meanwhile, and recovers on reload', async () => {
    const { tasks } = await demo.office.ok<Tasks>(TASKS, {
      filter: { unitId: 'management', status: ['IN_PROGRESS'] },
    });
    const task = tasks.edges[0].node;
    const { page, context } = await demo.signIn(MANAGEMENT_MANAGER);
    await page.goto(`/tasks/${task.id}`);
    await page.getByRole('button', { name: '报告进度' }).click();
    await page.getByLabel('进度（0–100）').fill('90');

    // Meanwhile the office moves the deadline: the page still shows the old revision.
    await demo.office.ok(CHANGE_DEADLINE, {
      input: {
        taskId: task.id,
        expectedRevision: task.revision,
        deadline: new Date(Date.parse(task.deadline) + 7 * 86_400_000).toISOString(),
        reason: '合作院校调整了培训日程',
      },
    });

    await page.locator('form[data-action="progress"] button[type="submit"]').click();
    const conflict = page.locator('[role="alert"][data-code="CONFLICT"]');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('有人刚刚修改了此任务');
    expect(await conflict.innerText()).toContain(`当前版本 ${task.revision + 1}`);
    await saveShot(page, 'task-conflict');

    await conflict.getByRole('button', { name: '重新加载' }).click();
    await page.getByText(`版本 ${task.revision + 1}`).waitFor();
    await page.locator('[data-testid="timeline"] > li[data-type="DeadlineChanged"]').waitFor();
    // The form stays open with what was typed; sending it again now passes the new revision.
    await page.getByLabel('进度（0–100）').fill('90');
    await page.locator('form[data-action="progress"] button[type="submit"]').click();
    await page.getByText('已完成：报告进度').waitFor();
    expect(await page.locator('[data-code="CONFLICT"]').count()).toBe(0);
    await context.close();
  });

  it('exports the filtered task list to an .xlsx file', async () => {
    const { page, context } = await demo.signIn(OFFICE);
    await page.goto('/tasks?unit=management');
    await page.getByTestId('task-table').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel（.xlsx）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^chessboard-tasks-\d{8}\d{4}\.xlsx$/);
    const file = `${ARTIFACTS}/tasks-management.xlsx`;
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    const { tasks } = await demo.office.ok<Tasks>(TASKS, { filter: { unitId: 'management' } });
    expect(sheet.rowCount - 1).toBe(tasks.totalCount);
    expect(sheet.getRow(1).getCell(1).value).toBe('任务');
    const titles = new Set(tasks.edges.map((e) => e.node.title));
    expect(titles.has(String(sheet.getRow(2).getCell(1).value))).toBe(true);
    await context.close();
  });
});
