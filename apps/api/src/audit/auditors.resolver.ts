import { ValidationError } from '#domain';
import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import type { RequestContext } from '../auth/request-context.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { AuditDigestModel } from './audit-digest/audit-digest.model.js';
import { AuditDigestQuery } from './audit-digest/audit-digest.query.js';
import { MetricTotalModel } from './metric-totals/metric-total.model.js';
import { MetricTotalsQuery } from './metric-totals/metric-totals.query.js';
import { FieldChangeModel } from './task-diff/field-change.model.js';
import { TaskDiffQuery } from './task-diff/task-diff.query.js';
import { UnitScoreModel } from './unit-scores/unit-score.model.js';
import { UnitScoresQuery } from './unit-scores/unit-scores.query.js';

/** `from` must not be after `to`; both are already normalised UTC instants (DateTime scalar). */
function period(from: string | null, to: string, fromField = 'from'): void {
  if (from !== null && from > to) throw new ValidationError(fromField, 'must not be after to');
}

/**
 * The auditors' toolkit: digest anchoring, the assessment (考核) and task diffs.
 * Every figure is folded from the event store; reads are open to every role.
 */
@Resolver()
export class AuditorsResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => AuditDigestModel, {
    description:
      'A digest of the whole history as of asOf (default now), to record outside the system and compare later; the same value audit:export writes into its manifest.',
  })
  auditDigest(
    @Context() request: RequestContext,
    @Args('asOf', { type: () => DateTimeScalar, nullable: true }) asOf?: string | null,
  ): Promise<AuditDigestModel> {
    return this.queries.execute(new AuditDigestQuery(asOf ?? request.now));
  }

  @Query(() => [UnitScoreModel], {
    description:
      'Per unit, its tasks of the period as they stood at `to` (default now), best on-time rate first; `from` omitted: since the beginning.',
  })
  unitScores(
    @Context() request: RequestContext,
    @Args('from', { type: () => DateTimeScalar, nullable: true }) from?: string | null,
    @Args('to', { type: () => DateTimeScalar, nullable: true }) to?: string | null,
  ): Promise<UnitScoreModel[]> {
    const end = to ?? request.now;
    period(from ?? null, end);
    return this.queries.execute(new UnitScoresQuery(from ?? null, end));
  }

  @Query(() => [MetricTotalModel], {
    description:
      'Targets against achievements per programme (or one programme) and metric, as of asOf (default now).',
  })
  metricTotals(
    @Context() request: RequestContext,
    @Args('programId', { type: () => ID, nullable: true }) programId?: string | null,
    @Args('asOf', { type: () => DateTimeScalar, nullable: true }) asOf?: string | null,
  ): Promise<MetricTotalModel[]> {
    return this.queries.execute(new MetricTotalsQuery(programId ?? null, asOf ?? request.now));
  }

  @Query(() => [FieldChangeModel], {
    description: "Each change to the task's fields made by events that occurred in [from, to], oldest first.",
  })
  taskDiff(
    @Args('id', { type: () => ID }) id: string,
    @Args('from', { type: () => DateTimeScalar }) from: string,
    @Args('to', { type: () => DateTimeScalar }) to: string,
  ): Promise<FieldChangeModel[]> {
    period(from, to);
    return this.queries.execute(new TaskDiffQuery(id, from, to));
  }
}
