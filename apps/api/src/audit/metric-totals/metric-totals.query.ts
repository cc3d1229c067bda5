import { NotFoundError, validate } from '#domain';
import type { EventStore } from '#event-store';
import { foldStore, metricTotals } from '#projections';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE } from '../../infrastructure/tokens.js';
import { toProgramModel } from '../../programs/program.model.js';
import type { MetricTotalModel } from './metric-total.model.js';

export class MetricTotalsQuery extends Query<MetricTotalModel[]> {
  constructor(
    readonly programId: string | null,
    readonly asOf: string,
  ) {
    super();
  }
}

/** Targets against achievements per programme and metric, as of an instant (folded from the log). */
@QueryHandler(MetricTotalsQuery)
export class MetricTotalsHandler implements IQueryHandler<MetricTotalsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ programId, asOf }: MetricTotalsQuery): Promise<MetricTotalModel[]> {
    if (programId !== null) validate.entityId('programId', programId);
    const fold = await foldStore(this.store, asOf);
    if (programId !== null && !fold.programs.get(programId)?.exists)
      throw new NotFoundError('program', programId);
    return metricTotals(fold.existingTasks(), { programId }).map(({ programId: id, ...total }) => {
      return { program: toProgramModel(id, fold.programs.get(id)), ...total };
    });
  }
}
