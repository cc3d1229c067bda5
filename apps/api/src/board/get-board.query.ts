import type { EventStore } from '#event-store';
import { ReadModel, type BoardView } from '#projections';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { toProgramModel } from '../programs/program.model.js';
import { toUnitModel } from '../units/unit.model.js';
import { boardAt } from './board-at.js';
import type { BoardModel } from './board.model.js';

export class GetBoardQuery extends Query<BoardModel> {
  constructor(
    readonly asOf: string | null,
    /** The request's instant: what "now" means for overdue counts when asOf is null. */
    readonly now: string,
  ) {
    super();
  }
}

/** Now: from the read model. asOf: folded from the event store as of then. */
@QueryHandler(GetBoardQuery)
export class GetBoardHandler implements IQueryHandler<GetBoardQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: ReadModel,
  ) {}

  async execute({ asOf, now }: GetBoardQuery): Promise<BoardModel> {
    const view = asOf === null ? await this.readModel.board(now) : await boardAt(this.store, asOf);
    return toBoard(view);
  }
}

function toBoard(view: BoardView): BoardModel {
  const units = new Map(view.units.map((row) => [row.id, toUnitModel(row.id, row)]));
  const programs = new Map(view.programs.map((row) => [row.id, toProgramModel(row.id, row)]));
  return {
    asOf: view.asOf,
    units: [...units.values()],
    programs: [...programs.values()],
    cells: view.cells.map(({ unitId, programId, ...counts }) => ({
      unit: units.get(unitId) ?? { id: unitId, name: unitId, contacts: [] },
      program: programs.get(programId) ?? { id: programId, name: programId, region: null },
      ...counts,
    })),
  };
}
