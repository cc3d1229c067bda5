import { unreachable } from '../shared/decider.js';
import type { Recorded } from '../shared/message.js';
import type { UnitEvent } from './unit.js';

export interface UnitState {
  readonly exists: boolean;
  readonly unitId: string;
  readonly name: string;
  /** Where reminders for the unit's tasks go: e-mail addresses and webhook URLs. */
  readonly contacts: readonly string[];
  /** The stream's revision: 0-based, of the last event folded (-1 before the first). */
  readonly revision: number;
}

export function initialUnitState(): UnitState {
  return { exists: false, unitId: '', name: '', contacts: [], revision: -1 };
}

export function evolveUnit(state: UnitState, event: Recorded<UnitEvent>): UnitState {
  const revision = state.revision + 1;
  switch (event.type) {
    case 'UnitRegistered': {
      const { unitId, name, contacts } = event.data;
      return { exists: true, unitId, name, contacts, revision };
    }
    case 'UnitUpdated': {
      const { name = state.name, contacts = state.contacts } = event.data;
      return { ...state, name, contacts, revision };
    }
    default:
      return unreachable('unit event', event);
  }
}
