import type { EventStore } from '#event-store';
import { foldStore, unitScores } from '#projections';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE } from '../../infrastructure/tokens.js';
import { toUnitModel } from '../../units/unit.model.js';
import type { UnitScoreModel } from './unit-score.model.js';

export class UnitScoresQuery extends Query<UnitScoreModel[]> {
  constructor(
    readonly from: string | null,
    readonly to: string,
  ) {
    super();
  }
}

/**
 * Folds the log up to `to` with the domain's evolve (the assessment is about the past:
 * the read model only knows now), then scores each unit; ranked best first.
 */
@QueryHandler(UnitScoresQuery)
export class UnitScoresHandler implements IQueryHandler<UnitScoresQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ from, to }: UnitScoresQuery): Promise<UnitScoreModel[]> {
    const fold = await foldStore(this.store, to);
    return unitScores(fold, { from, to }).map(({ unitId, ...score }) => {
      return { unit: toUnitModel(unitId, fold.units.get(unitId)), ...score };
    });
  }
}
