import { parseStream, type ProgramEvent, type Recorded, type UnitEvent } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { Insertable, Selectable } from 'kysely';
import { canonicalInstant } from '../read-model/instant.js';
import type { ProgramRow, UnitRow } from '../read-model/rows.js';
import type { ProgramsTable, UnitsTable } from '../read-model/schema.js';

/** Units (二级单位) and programmes (帮扶项目): their own streams, folded into one row each. */
export const UNIT_EVENT_TYPES: readonly string[] = [
  'UnitRegistered',
  'UnitUpdated',
] satisfies UnitEvent['type'][];
export const PROGRAM_EVENT_TYPES: readonly string[] = ['ProgramRegistered'] satisfies ProgramEvent['type'][];

export type RecordedUnitEvent = RecordedEvent & Recorded<UnitEvent>;
export type RecordedProgramEvent = RecordedEvent & Recorded<ProgramEvent>;

export function isUnitEvent(event: RecordedEvent): event is RecordedUnitEvent {
  return parseStream(event.streamId).category === 'unit' && UNIT_EVENT_TYPES.includes(event.type);
}

export function isProgramEvent(event: RecordedEvent): event is RecordedProgramEvent {
  return parseStream(event.streamId).category === 'program' && PROGRAM_EVENT_TYPES.includes(event.type);
}

/** Pure evolve over a unit row; null until the unit is registered. */
export function evolveUnitRow(row: UnitRow | null, event: RecordedUnitEvent): UnitRow | null {
  const at = canonicalInstant(event.metadata.occurredAt);
  switch (event.type) {
    case 'UnitRegistered': {
      const { unitId, name, contacts } = event.data;
      return {
        id: unitId,
        name,
        contacts: [...contacts],
        revision: event.revision,
        createdAt: at,
        updatedAt: at,
      };
    }
    case 'UnitUpdated': {
      if (row === null) return null;
      const { name, contacts } = event.data;
      return {
        ...row,
        ...(name !== undefined ? { name } : {}),
        ...(contacts !== undefined ? { contacts: [...contacts] } : {}),
        revision: event.revision,
        updatedAt: at,
      };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export function evolveProgramRow(row: ProgramRow | null, event: RecordedProgramEvent): ProgramRow | null {
  switch (event.type) {
    case 'ProgramRegistered': {
      const { programId, name, region } = event.data;
      return {
        id: programId,
        name,
        region,
        revision: event.revision,
        createdAt: row?.createdAt ?? canonicalInstant(event.metadata.occurredAt),
      };
    }
    default: {
      const unknown: never = event.type;
      return unknown;
    }
  }
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
