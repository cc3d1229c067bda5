import type { Recorded } from '../shared/message.js';
import type { ProgramEvent } from './program.js';

export interface ProgramState {
  readonly exists: boolean;
  readonly programId: string;
  readonly name: string;
  readonly region: string | null;
  readonly version: number;
}

export function initialProgramState(): ProgramState {
  return { exists: false, programId: '', name: '', region: null, version: 0 };
}

export function evolveProgram(state: ProgramState, event: Recorded<ProgramEvent>): ProgramState {
  switch (event.type) {
    case 'ProgramRegistered': {
      const { programId, name, region } = event.data;
      return { exists: true, programId, name, region, version: state.version + 1 };
    }
    default: {
      const unknown: never = event.type;
      throw new Error(`unknown program event ${unknown as string}`);
    }
  }
}
