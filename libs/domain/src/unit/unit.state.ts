import type { Recorded } from '../shared/message.js';
import type { UnitEvent } from './unit.js';

export interface UnitState {
  readonly exists: boolean;
  readonly unitId: string;
  readonly name: string;
  /** Where reminders for the unit's tasks go: e-mail addresses and webhook URLs. */
  readonly contacts: readonly string[];
  readonly version: number;
}

export function initialUnitState(): UnitState {
  return { exists: false, unitId: '', name: '', contacts: [], version: 0 };
}

export function evolveUnit(state: UnitState, event: Recorded<UnitEvent>): UnitState {
  const version = state.version + 1;
  switch (event.type) {
    case 'UnitRegistered': {
      const { unitId, name, contacts } = event.data;
      return { exists: true, unitId, name, contacts, version };
    }
    case 'UnitUpdated': {
      const { name = state.name, contacts = state.contacts } = event.data;
      return { ...state, name, contacts, version };
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown unit event ${(unknown as { type: string }).type}`);
    }
  }
}
