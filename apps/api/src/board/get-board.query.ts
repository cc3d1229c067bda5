import type { EventStore } from '#event-store';
import { ReadModel, type BoardView, type ProgramRow, type UnitRow } from '#projections';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import type { ProgramModel } from '../programs/program.model.js';
import type { UnitModel } from '../units/unit.model.js';
import { boardAt } from './board-at.js';
import type { BoardModel } from './board.model.js';

export class GetBoardQuery extends Query<BoardModel> {
  constructor(readonly asOf: string | null) {
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

  async execute({ asOf }: GetBoardQuery): Promise<BoardModel> {
    const view =
      asOf === null ? await this.readModel.board(new Date().toISOString()) : await boardAt(this.store, asOf);
    return toBoard(view);
  }
}

const toUnit = (row: UnitRow): UnitModel => ({ id: row.id, name: row.name, contacts: [...row.contacts] });
const toProgram = (row: ProgramRow): ProgramModel => ({ id: row.id, name: row.name, region: row.region });

function toBoard(view: BoardView): BoardModel {
  const units = new Map(view.units.map((row) => [row.id, toUnit(row)]));
  const programs = new Map(view.programs.map((row) => [row.id, toProgram(row)]));
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
