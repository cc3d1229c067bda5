import { unreachable, type Decider } from '../shared/decider.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { authorizeOffice } from '../shared/office-only.js';
import { contact, dedupe, entityId, LIMITS, list, requiredText } from '../shared/validation.js';
import type { RegisterUnit, UnitCommand, UnitEvent, UnitUpdated, UpdateUnit } from './unit.js';
import { evolveUnit, initialUnitState, type UnitState } from './unit.state.js';

const contactList = (value: unknown): string[] => dedupe(list('contacts', value, LIMITS.contacts, contact));

/** Order of checks as for tasks: role → existence → input. Field names are RegisterUnitInput's. */
export function decideUnit(command: UnitCommand, state: UnitState): UnitEvent[] {
  authorizeOffice(command.type, command.metadata);
  switch (command.type) {
    case 'RegisterUnit':
      return registerUnit(command, state);
    case 'UpdateUnit':
      return updateUnit(command, state);
    default:
      return unreachable('unit command', command);
  }
}

function registerUnit(command: RegisterUnit, state: UnitState): UnitEvent[] {
  if (state.exists) throw new ValidationError('id', 'is already in use');
  const { data } = command;
  const unitId = entityId('id', data.unitId);
  const name = requiredText('name', data.name, LIMITS.name);
  return [{ type: 'UnitRegistered', data: { unitId, name, contacts: contactList(data.contacts) } }];
}

/** Omitted fields stay as they are; an update that changes nothing records nothing. */
function updateUnit(command: UpdateUnit, state: UnitState): UnitEvent[] {
  if (!state.exists) throw new NotFoundError('unit', command.data.unitId);
  const { data } = command;
  const name =
    data.name === null || data.name === undefined ? null : requiredText('name', data.name, LIMITS.name);
  const contacts = data.contacts === null || data.contacts === undefined ? null : contactList(data.contacts);
  const changes: { -readonly [K in keyof UnitUpdated['data']]: UnitUpdated['data'][K] } = {
    unitId: state.unitId,
  };
  if (name !== null && name !== state.name) changes.name = name;
  if (contacts !== null && contacts.join('\n') !== state.contacts.join('\n')) changes.contacts = contacts;
  return Object.keys(changes).length > 1 ? [{ type: 'UnitUpdated', data: changes }] : [];
}

export const unitDecider: Decider<UnitState, UnitCommand, UnitEvent> = {
  initialState: initialUnitState,
  evolve: evolveUnit,
  decide: decideUnit,
};
