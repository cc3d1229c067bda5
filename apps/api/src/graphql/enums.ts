import { registerEnumType } from '@nestjs/graphql';

/**
 * GraphQL enums whose internal values are the domain's strings, so resolvers pass domain
 * values through unchanged (Role: OFFICE in GraphQL is 'office' in a JWT and in events).
 */
export enum TaskStatusEnum {
  ASSIGNED = 'ASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  BLOCKED = 'BLOCKED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

export enum RoleEnum {
  OFFICE = 'office',
  UNIT_MANAGER = 'unit_manager',
  AUDITOR = 'auditor',
  WORKER = 'worker',
}

export enum TaskHealthEnum {
  GREEN = 'GREEN',
  YELLOW = 'YELLOW',
  RED = 'RED',
}

export enum ReminderKindEnum {
  UPCOMING = 'UPCOMING',
  DUE_SOON = 'DUE_SOON',
  DUE = 'DUE',
  OVERDUE = 'OVERDUE',
}

registerEnumType(TaskStatusEnum, { name: 'TaskStatus' });
registerEnumType(RoleEnum, { name: 'Role' });
registerEnumType(TaskHealthEnum, {
  name: 'TaskHealth',
  description:
    'Traffic light for follow-up (督办): GREEN on track, YELLOW when no more than\n30% of the time between assignment and deadline is left and the task is not\ncompleted, RED when overdue. COMPLETED and CANCELLED tasks are GREEN.',
});
registerEnumType(ReminderKindEnum, { name: 'ReminderKind' });
