import { taskStream } from '#domain';
import type { EventStore } from '#event-store';
import { ReadModel, type ProgramRow, type UnitRow } from '#projections';
import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditEventModel } from '../audit/audit-event.model.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { ProgramModel, toProgramModel } from '../programs/program.model.js';
import { auditEventFromRecorded } from '../shared/audit-event.mapper.js';
import { BatchLoader, perContext } from '../shared/batch-loader.js';
import type { TaskView } from '../shared/task-view.js';
import { toUnitModel, UnitModel } from '../units/unit.model.js';
import { ReminderModel, TaskModel } from './task.model.js';

interface DirectoryLoaders {
  readonly units: BatchLoader<string, UnitRow>;
  readonly programs: BatchLoader<string, ProgramRow>;
}

const byId = <R extends { id: string }>(rows: readonly R[]) => new Map(rows.map((row) => [row.id, row]));

/** The parts of a task that live elsewhere: its programme and unit, reminders and history. */
@Resolver(() => TaskModel)
export class TaskFieldsResolver {
  /** Per request: a page of tasks asks for its units and programmes in one query each. */
  private readonly loaders = new WeakMap<object, DirectoryLoaders>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: ReadModel,
  ) {}

  @ResolveField('program', () => ProgramModel)
  async program(@Parent() task: TaskView, @Context() context: object): Promise<ProgramModel> {
    const row = await this.directory(context).programs.load(task.programId);
    return toProgramModel(task.programId, row);
  }

  @ResolveField('unit', () => UnitModel)
  async unit(@Parent() task: TaskView, @Context() context: object): Promise<UnitModel> {
    const row = await this.directory(context).units.load(task.unitId);
    return toUnitModel(task.unitId, row);
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

  private directory(context: object): DirectoryLoaders {
    return perContext(this.loaders, context, () => ({
      units: new BatchLoader(async (ids) => byId(await this.readModel.getUnitsById(ids))),
      programs: new BatchLoader(async (ids) => byId(await this.readModel.getProgramsById(ids))),
    }));
  }
}
