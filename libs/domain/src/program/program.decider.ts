import { unreachable, type Decider } from '../shared/decider.js';
import { ValidationError } from '../shared/errors.js';
import { authorizeOffice } from '../shared/office-only.js';
import { entityId, LIMITS, optionalText, requiredText } from '../shared/validation.js';
import type { ProgramCommand, ProgramEvent } from './program.js';
import { evolveProgram, initialProgramState, type ProgramState } from './program.state.js';

/** Order of checks as for tasks: role → existence → input. Field names are RegisterProgramInput's. */
export function decideProgram(command: ProgramCommand, state: ProgramState): ProgramEvent[] {
  authorizeOffice(command.type, command.metadata);
  switch (command.type) {
    case 'RegisterProgram': {
      if (state.exists) throw new ValidationError('id', 'is already in use');
      const { data } = command;
      const programId = entityId('id', data.programId);
      const name = requiredText('name', data.name, LIMITS.name);
      const region = optionalText('region', data.region, LIMITS.region);
      return [{ type: 'ProgramRegistered', data: { programId, name, region } }];
    }
    default:
      return unreachable('program command', command.type);
  }
}

export const programDecider: Decider<ProgramState, ProgramCommand, ProgramEvent> = {
  initialState: initialProgramState,
  evolve: evolveProgram,
  decide: decideProgram,
};
