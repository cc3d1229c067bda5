import { taskStream } from '#domain';
import type { EventStore } from '#event-store';
import { ReadModel } from '#projections';
import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditEventModel } from '../audit/audit-event.model.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { ProgramModel } from '../programs/program.model.js';
import { auditEventFromRecorded } from '../shared/audit-event.mapper.js';
import type { TaskView } from '../shared/task-view.js';
import { UnitModel } from '../units/unit.model.js';
import { ReminderModel, TaskModel } from './task.model.js';

/** The parts of a task that live elsewhere: its programme and unit, reminders and history. */
@Resolver(() => TaskModel)
export class TaskFieldsResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: ReadModel,
  ) {}

  @ResolveField('program', () => ProgramModel)
  async program(@Parent() task: TaskView): Promise<ProgramModel> {
    const row = await this.readModel.getProgram(task.programId);
    return row
      ? { id: row.id, name: row.name, region: row.region }
      : { id: task.programId, name: task.programId, region: null };
  }

  @ResolveField('unit', () => UnitModel)
  async unit(@Parent() task: TaskView): Promise<UnitModel> {
    const row = await this.readModel.getUnit(task.unitId);
    return row
      ? { id: row.id, name: row.name, contacts: [...row.contacts] }
      : { id: task.unitId, name: task.unitId, contacts: [] };
  }

  @ResolveField('reminders', () => [ReminderModel])
  reminders(@Parent() task: TaskView): ReminderModel[] {
    return task.reminders;
  }

  /** Straight from the event store: the record auditors rely on, up to asOf when read asOf. */
  @ResolveField('history', () => [AuditEventModel], {
    description: 'Every event of this task, oldest first (up to asOf when the task was read asOf).',
  })
  async history(@Parent() task: TaskView): Promise<AuditEventModel[]> {
    const events = await this.store.readStream(taskStream(task.id), task.asOf ? { until: task.asOf } : {});
    return events.map(auditEventFromRecorded);
  }
}
