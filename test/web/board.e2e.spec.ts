import type { Page } from 'playwright-core';
import { AUDITOR, MANAGEMENT_MANAGER, OFFICE } from '../support/fixtures.js';
import {
  demoInBrowser,
  haveChromium,
  horizontalOverflow,
  saveShot,
  type TaskSummary,
} from './support/web-app.js';

jest.setTimeout(90_000);

const DAY = 86_400_000;
const TASKS = `query($filter: TaskFilter) { tasks(filter: $filter, first: 50) { edges { node {
  id title status revision program { id } unit { id }
  history { type occurredAt }
} } } }`;
const BOARD = `query($asOf: DateTime) { board(asOf: $asOf) { asOf cells { total completed } } }`;

interface TaskNode extends TaskSummary {
  program: { id: string };
  unit: { id: string };
  history: { type: string; occurredAt: string }[];
}
interface Tasks {
  tasks: { edges: { node: TaskNode }[] };
}
interface Board {
  board: { asOf: string; cells: { total: number; completed: number }[] };
}

const attr = async (page: Page, selector: string, name: string): Promise<number> =>
  Number(await page.getAttribute(selector, name));

/** The slider's value nearest to `ms` (a multiple of its step from its min). */
const sliderValueNear = (page: Page, selector: string, ms: number): Promise<string> =>
  page.evaluate(`(() => {
    const s = document.querySelector(${JSON.stringify(selector)});
    const min = Number(s.min), max = Number(s.max), step = Number(s.step);
    const v = Math.min(max, Math.max(min, min + Math.round((${ms} - min) / step) * step));
    return String(v);
  })()`) as Promise<string>;

(haveChromium ? describe : describe.skip)('the board in the browser (demo plan of the 2023 report)', () => {
  const demo = demoInBrowser();

  it('signs in with a pasted token and shows who you are and your role', async () => {
    const context = await demo.browser.newContext({ baseURL: demo.app.running.url, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForURL(/\/sign-in\?next=%2F$/);
    await page.getByLabel('令牌').fill('not-a-token');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').getByText('这不是一个 JWT').waitFor();
    await page.getByLabel('令牌').fill(await demo.app.token(AUDITOR));
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '全校帮扶棋盘' }).waitFor();
    const who = page.getByTestId('who');
    expect(await who.innerText()).toContain('省厅考核组');
    expect(await who.innerText()).toContain('审计');
    await saveShot(page, 'sign-in-done');
    await context.close();
  });

  it('a unit manager reports progress and the board open in another page updates live', async () => {
    const { tasks } = await demo.office.ok<Tasks>(TASKS, {
      filter: { unitId: MANAGEMENT_MANAGER.unit, status: ['ASSIGNED'] },
    });
    const task = tasks.edges[0].node;
    const cell = `[data-testid="cell-${task.unit.id}-${task.program.id}"]`;

    const board = await demo.signIn(OFFICE);
    await board.page.goto('/');
    await board.page.locator(cell).waitFor();
    await board.page.locator('[data-live="connected"]').waitFor();
    const inProgressBefore = await attr(board.page, cell, 'data-in-progress');
    await board.page.evaluate('window.__sameDocument = true');
    await saveShot(board.page, 'board', 'board');

    const manager = await demo.signIn(MANAGEMENT_MANAGER);
    await manager.page.goto(`/tasks/${task.id}`);
    await manager.page.getByRole('button', { name: '报告进度' }).click();
    await manager.page.getByLabel('进度（0–100）').fill('30');
    await manager.page.getByLabel('备注').fill('第一期跟岗学习已开始');
    await manager.page
      .getByRole('textbox', { name: /^佐证材料/ })
      .fill('https://docs.example.edu.cn/duikou/2023/gengang-1.pdf');
    await manager.page.locator('form[data-action="progress"] button[type="submit"]').click();
    await manager.page.getByText('已完成：报告进度').waitFor();
    await manager.page
      .getByRole('progressbar', { name: '进度' })
      .and(manager.page.locator('[aria-valuenow="30"]'))
      .waitFor();
    await manager.page.locator('[data-testid="timeline"] > li[data-type="ProgressReported"]').waitFor();
    await saveShot(manager.page, 'task-after-progress');

    await board.page.waitForFunction(
      `Number(document.querySelector('${cell}')?.getAttribute('data-in-progress')) === ${inProgressBefore + 1}`,
    );
    // One entry per change: reporting progress on an ASSIGNED task may show the task twice.
    await board.page.getByTestId('recent-changes').getByText(task.title).first().waitFor();
    expect(await board.page.evaluate('window.__sameDocument')).toBe(true);
    await saveShot(board.page, 'board-live-update');
    await board.context.close();
    await manager.context.close();
  });

  it('an auditor moves the time slider and sees the board as it stood then', async () => {
    const { page, context } = await demo.signIn(AUDITOR);
    await page.goto('/');
    await page.getByTestId('board-all').waitFor();
    const totalNow = await attr(page, '[data-testid="board-all"]', 'data-total');

    const slider = page.getByLabel('拖动选择时刻');
    await slider.fill(await sliderValueNear(page, '.time-travel-slider', Date.now() - 150 * DAY));
    await page.getByTestId('historical-banner').waitFor();
    await page.waitForURL(/asOf=/);
    await page.waitForFunction(
      `Date.parse(document.querySelector('table.board')?.getAttribute('data-as-of')) < Date.now() - 140 * ${DAY}`,
    );
    const asOf = new URL(page.url()).searchParams.get('asOf') as string;
    const { board } = await (await demo.app.client(AUDITOR)).ok<Board>(BOARD, { asOf });
    const expectedTotal = board.cells.reduce((sum, c) => sum + c.total, 0);
    const expectedCompleted = board.cells.reduce((sum, c) => sum + c.completed, 0);
    await page.waitForFunction(
      `document.querySelector('[data-testid="board-all"]')?.getAttribute('data-total') === '${expectedTotal}'`,
    );
    expect(expectedTotal).toBeLessThan(totalNow);
    expect(await attr(page, '[data-testid="board-all"]', 'data-completed')).toBe(expectedCompleted);
    expect(await page.getByTestId('recent-changes').count()).toBe(0);
    await saveShot(page, 'board-time-travel', 'time-travel');

    // The keyboard moves the slider too: one hour per arrow key.
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL((url) => url.searchParams.get('asOf') !== asOf);
    const moved = new URL(page.url()).searchParams.get('asOf') as string;
    expect(Date.parse(moved) - Date.parse(asOf)).toBe(3_600_000);

    await page.getByRole('button', { name: '回到现在' }).click();
    await page.waitForURL((url) => !url.searchParams.has('asOf'));
    await page.waitForFunction(
      `document.querySelector('[data-testid="board-all"]')?.getAttribute('data-total') === '${totalNow}'`,
    );
    expect(await page.getByTestId('historical-banner').count()).toBe(0);
    await context.close();
  });

  it('an auditor travels a completed task back to before its completion and compares two instants', async () => {
    const { tasks } = await demo.office.ok<Tasks>(TASKS, { filter: { status: ['COMPLETED'] } });
    const task = tasks.edges
      .map((e) => e.node)
      .reduce((most, t) => (t.history.length > most.history.length ? t : most));
    const completedAt = Date.parse(task.history.find((h) => h.type === 'TaskCompleted')!.occurredAt);
    const before = new Date(completedAt - DAY).toISOString();

    const { page, context } = await demo.signIn(AUDITOR);
    await page.goto(`/tasks/${task.id}`);
    await page.locator('.task-head [data-status="COMPLETED"]').waitFor();
    expect(await page.getByText('您的角色不能对此任务进行操作。').count()).toBe(1);
    const eventsNow = await page.locator('[data-testid="timeline"] > li').count();
    await saveShot(page, 'task-completed', 'task-timeline');

    await page
      .getByLabel('拖动选择时刻')
      .fill(await sliderValueNear(page, '.time-travel-slider', completedAt - DAY));
    await page.getByTestId('historical-banner').waitFor();
    await page.locator('.task-head [data-status]:not([data-status="COMPLETED"])').waitFor();
    expect(await page.locator('[data-testid="timeline"] > li').count()).toBeLessThan(eventsNow);
    expect(await page.locator('[data-testid="timeline"] > li[data-type="TaskCompleted"]').count()).toBe(0);
    await saveShot(page, 'task-time-travel');

    await page.goto(`/tasks/${task.id}/compare?a=${encodeURIComponent(before)}`);
    await page.locator('[data-row="status"][data-differs="true"]').waitFor();
    expect(await page.locator('[data-row="title"]').count()).toBe(0);
    expect(await page.locator('[data-row="events"][data-differs="true"]').count()).toBe(1);
    await saveShot(page, 'task-compare');
    await context.close();
  });

  it('an auditor reads the audit log, filters it and verifies the history', async () => {
    const { page, context } = await demo.signIn(AUDITOR);
    await page.goto('/audit');
    await page.getByTestId('audit-table').waitFor();
    await page.getByRole('button', { name: '校验历史' }).click();
    const verdict = page.locator('[data-testid="verify-result"] [data-ok="true"]');
    await verdict.waitFor();
    expect(await verdict.innerText()).toContain('历史完整');
    await saveShot(page, 'audit', 'audit');

    await page.getByRole('checkbox', { name: '办结' }).check();
    await page.waitForURL(/types=TaskCompleted/);
    await page.waitForFunction(
      `[...document.querySelectorAll('[data-testid="audit-table"] tbody tr td:nth-child(3)')].every((td) => td.textContent === '办结')`,
    );
    expect(await page.locator('[data-testid="audit-table"] tbody tr').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: '下一页 ›' }).isDisabled();
    await context.close();
  });

  it('renders the board on a 375 px phone without horizontal page scroll', async () => {
    const { page, context } = await demo.signIn(MANAGEMENT_MANAGER, {
      width: 375,
      height: 812,
    });
    await page.goto('/');
    await page.getByTestId('board-all').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await saveShot(page, 'board-phone');

    await page.getByRole('link', { name: '任务清单' }).click();
    await page.getByTestId('task-table').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await saveShot(page, 'tasks-phone');

    await page.getByTestId('task-table').getByRole('link').first().click();
    await page.getByTestId('timeline').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await saveShot(page, 'task-phone');
    await context.close();
  });

  it('switches to English and keeps Asia/Shanghai dates, wherever the browser’s clock is', async () => {
    const { page, context } = await demo.signIn(OFFICE, { width: 1280, height: 900 }, 'America/New_York');
    await page.goto('/tasks');
    await page.getByTestId('task-table').waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Tasks' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const { tasks } = await demo.office.ok<{ tasks: { edges: { node: { deadline: string } }[] } }>(
      `{ tasks(first: 1) { edges { node { deadline } } } }`,
    );
    const beijing = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(tasks.edges[0].node.deadline));
    expect(
      await page.locator('[data-testid="task-table"] tbody tr').first().locator('time').innerText(),
    ).toBe(beijing);
    await saveShot(page, 'tasks-english');
    await context.close();
  });
});
