import {
  evolveProgram,
  evolveUnit,
  initialProgramState,
  initialUnitState,
  parseStream,
  type ProgramEvent,
  type ProgramState,
  type Recorded,
  type UnitEvent,
  type UnitState,
} from '#domain';
import type { RecordedEvent } from '#event-store';
import type { Insertable, Selectable } from 'kysely';
import { foldedRows, type StoredFold } from '../projector/folded-rows.js';
import { handledTypes, type EventTypeFlags } from '../projector/projection.js';
import { canonicalInstant } from '../read-model/instant.js';
import type { ProgramRow, UnitRow } from '../read-model/rows.js';
import type { ProgramsTable, UnitsTable } from '../read-model/schema.js';

const NO_TASK_EVENTS = {
  TaskAssigned: false,
  TaskAcknowledged: false,
  ProgressReported: false,
  DeadlineChanged: false,
  TaskReassigned: false,
  TaskBlocked: false,
  TaskUnblocked: false,
  TaskCompleted: false,
  TaskReopened: false,
  TaskCancelled: false,
  CommentAdded: false,
  ReminderSent: false,
} as const;

/** Units (二级单位) and programmes (帮扶项目): their own streams, folded into one row each. */
const UNIT_HANDLES = {
  ...NO_TASK_EVENTS,
  UnitRegistered: true,
  UnitUpdated: true,
  ProgramRegistered: false,
} as const satisfies EventTypeFlags;
const PROGRAM_HANDLES = {
  ...NO_TASK_EVENTS,
  UnitRegistered: false,
  UnitUpdated: false,
  ProgramRegistered: true,
} as const satisfies EventTypeFlags;

const UNIT_TYPES = handledTypes(UNIT_HANDLES);
const PROGRAM_TYPES = handledTypes(PROGRAM_HANDLES);
export const UNIT_EVENT_TYPES: readonly string[] = [...UNIT_TYPES];
export const PROGRAM_EVENT_TYPES: readonly string[] = [...PROGRAM_TYPES];

export type RecordedUnitEvent = RecordedEvent & Recorded<UnitEvent>;
export type RecordedProgramEvent = RecordedEvent & Recorded<ProgramEvent>;

export function isUnitEvent(event: RecordedEvent): event is RecordedUnitEvent {
  return parseStream(event.streamId).category === 'unit' && UNIT_TYPES.has(event.type);
}

export function isProgramEvent(event: RecordedEvent): event is RecordedProgramEvent {
  return parseStream(event.streamId).category === 'program' && PROGRAM_TYPES.has(event.type);
}

export const unitsProjection = foldedRows<UnitRow | null, RecordedUnitEvent>({
  name: 'units',
  category: 'unit',
  handles: UNIT_HANDLES,
  table: 'units',
  key: 'id',
  initial: () => null,
  exists: (row) => row !== null,
  evolve: evolveUnitRow,
  load: async (_trx, writer, keys) =>
    (await writer.selectIn<Selectable<UnitsTable>>('units', UNIT_COLUMNS, 'id', keys)).map(stored(toUnitRow)),
  row: (row) => unitRowValues(row!),
  describe: (event, key, _before, after) => (isUnitEvent(event) ? { unitId: after?.id ?? key } : {}),
});

export const programsProjection = foldedRows<ProgramRow | null, RecordedProgramEvent>({
  name: 'programs',
  category: 'program',
  handles: PROGRAM_HANDLES,
  table: 'programs',
  key: 'id',
  initial: () => null,
  exists: (row) => row !== null,
  evolve: evolveProgramRow,
  load: async (_trx, writer, keys) =>
    (await writer.selectIn<Selectable<ProgramsTable>>('programs', PROGRAM_COLUMNS, 'id', keys)).map(
      stored(toProgramRow),
    ),
  row: (row) => programRowValues(row!),
  describe: () => ({}),
});

const UNIT_COLUMNS = [
  'id',
  'name',
  'contacts',
  'revision',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof UnitsTable)[];
const PROGRAM_COLUMNS = [
  'id',
  'name',
  'region',
  'revision',
  'created_at',
] as const satisfies readonly (keyof ProgramsTable)[];

function stored<S, R extends { readonly id: string; readonly revision: number }>(toRow: (row: S) => R) {
  return (row: S): StoredFold<R | null> => {
    const value = toRow(row);
    return { key: value.id, value, revision: value.revision };
  };
}

/** The domain's unit state behind a row (a row exists only once the unit is registered). */
function unitStateOf(row: UnitRow | null): UnitState {
  if (row === null) return initialUnitState();
  return { exists: true, unitId: row.id, name: row.name, contacts: row.contacts, revision: row.revision };
}

/** Folds a unit row with the domain's `evolveUnit`; null until the unit is registered. */
export function evolveUnitRow(row: UnitRow | null, event: RecordedUnitEvent): UnitRow | null {
  const state = evolveUnit(unitStateOf(row), event);
  if (!state.exists) return null;
  const at = canonicalInstant(event.metadata.occurredAt);
  return {
    id: state.unitId,
    name: state.name,
    contacts: [...state.contacts],
    revision: event.revision,
    createdAt: row?.createdAt ?? at,
    updatedAt: at,
  };
}

function programStateOf(row: ProgramRow | null): ProgramState {
  if (row === null) return initialProgramState();
  return { exists: true, programId: row.id, name: row.name, region: row.region, revision: row.revision };
}

/** Folds a programme row with the domain's `evolveProgram`; null until it is registered. */
export function evolveProgramRow(row: ProgramRow | null, event: RecordedProgramEvent): ProgramRow | null {
  const state = evolveProgram(programStateOf(row), event);
  if (!state.exists) return null;
  return {
    id: state.programId,
    name: state.name,
    region: state.region,
    revision: event.revision,
    createdAt: row?.createdAt ?? canonicalInstant(event.metadata.occurredAt),
  };
}

export function unitRowValues(unit: UnitRow): Insertable<UnitsTable> {
  return {
    id: unit.id,
    name: unit.name,
    contacts: JSON.stringify(unit.contacts),
    revision: unit.revision,
    created_at: unit.createdAt,
    updated_at: unit.updatedAt,
  };
}

export function programRowValues(program: ProgramRow): Insertable<ProgramsTable> {
  return {
    id: program.id,
    name: program.name,
    region: program.region,
    revision: program.revision,
    created_at: program.createdAt,
  };
}

export function toUnitRow(row: Selectable<UnitsTable>): UnitRow {
  return {
    id: row.id,
    name: row.name,
    contacts: JSON.parse(row.contacts) as string[],
    revision: Number(row.revision),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toProgramRow(row: Selectable<ProgramsTable>): ProgramRow {
  return {
    id: row.id,
    name: row.name,
    region: row.region,
    revision: Number(row.revision),
    createdAt: row.created_at,
  };
}
