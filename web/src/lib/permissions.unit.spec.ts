import type { TaskStatus } from '../gql/graphql';
import { mayAssign, mayOffer, TASK_ACTIONS, type TaskAction } from './permissions';
import type { Session } from './session';

const session = (role: Session['role'], unit: string | null = null): Session => ({
  token: 't',
  sub: `${role}-1`,
  name: null,
  role,
  unit,
  exp: Date.now() / 1000 + 3600,
});
const task = (status: TaskStatus, acknowledgedAt: string | null = null) => ({
  status,
  acknowledgedAt,
  unit: { id: 'management' },
});
const offered = (who: Session, status: TaskStatus, acknowledgedAt: string | null = null): TaskAction[] =>
  TASK_ACTIONS.filter((action) => mayOffer(who, task(status, acknowledgedAt), action));

describe('which actions the board offers', () => {
  it('offers a unit manager the unit’s own work on its own open task, never the office’s', () => {
    expect(offered(session('unit_manager', 'management'), 'ASSIGNED')).toEqual([
      'acknowledge',
      'progress',
      'block',
      'complete',
      'comment',
    ]);
  });

  it('offers a unit manager nothing on another unit’s task', () => {
    expect(offered(session('unit_manager', 'automotive'), 'IN_PROGRESS')).toEqual([]);
  });

  it('offers auditors and the worker nothing, and only the office may assign', () => {
    expect(offered(session('auditor'), 'IN_PROGRESS')).toEqual([]);
    expect(offered(session('worker'), 'IN_PROGRESS')).toEqual([]);
    expect(mayAssign(session('office'))).toBe(true);
    expect(mayAssign(session('unit_manager', 'management'))).toBe(false);
  });

  it('follows the lifecycle: unblock only when blocked, reopen only when completed, nothing but comments when cancelled', () => {
    const office = session('office');
    expect(offered(office, 'BLOCKED', '2023-01-01T00:00:00Z')).toEqual([
      'unblock',
      'comment',
      'reassign',
      'deadline',
      'cancel',
    ]);
    expect(offered(office, 'COMPLETED', '2023-01-01T00:00:00Z')).toEqual(['comment', 'reopen']);
    expect(offered(office, 'CANCELLED')).toEqual(['comment']);
  });

  it('does not offer to sign for a task twice', () => {
    expect(offered(session('office'), 'IN_PROGRESS', '2023-01-01T00:00:00Z')).not.toContain('acknowledge');
  });
});
