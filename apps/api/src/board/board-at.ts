import type { ProgramState, UnitState } from '#domain';
import type { EventStore } from '#event-store';
import { compare, foldStore, tallyBoard, type BoardView, type ProgramRow, type UnitRow } from '#projections';

/**
 * The board as it stood at `asOf`: the global log folded as of then (`foldStore`, the
 * domain's evolve) and its tasks tallied in memory like the read model's board query.
 * Linear in the size of the log; good enough until boards get asked about the past often.
 */
export async function boardAt(store: EventStore, asOf: string): Promise<BoardView> {
  const fold = await foldStore(store, asOf);
  const byId = <T extends { id: string }>(a: T, b: T) => compare(a.id, b.id);
  return {
    asOf,
    units: [...fold.units.values()]
      .filter((u) => u.exists)
      .map(unitRow)
      .sort(byId),
    programs: [...fold.programs.values()]
      .filter((p) => p.exists)
      .map(programRow)
      .sort(byId),
    cells: tallyBoard(fold.tasks.values(), asOf),
  };
}

const unitRow = (u: UnitState): UnitRow => ({
  id: u.unitId,
  name: u.name,
  contacts: u.contacts,
  revision: u.revision,
  createdAt: '',
  updatedAt: '',
});

const programRow = (p: ProgramState): ProgramRow => ({
  id: p.programId,
  name: p.name,
  region: p.region,
  revision: p.revision,
  createdAt: '',
});
