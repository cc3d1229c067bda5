import { unreachable } from '../shared/decider.js';
import type { Recorded } from '../shared/message.js';
import type { ProgramEvent } from './program.js';

export interface ProgramState {
  readonly exists: boolean;
  readonly programId: string;
  readonly name: string;
  readonly region: string | null;
  /** The stream's revision: 0-based, of the last event folded (-1 before the first). */
  readonly revision: number;
}

export function initialProgramState(): ProgramState {
  return { exists: false, programId: '', name: '', region: null, revision: -1 };
}

export function evolveProgram(state: ProgramState, event: Recorded<ProgramEvent>): ProgramState {
  switch (event.type) {
    case 'ProgramRegistered': {
      const { programId, name, region } = event.data;
      return { exists: true, programId, name, region, revision: state.revision + 1 };
    }
    default:
      return unreachable('program event', event.type);
  }
}
