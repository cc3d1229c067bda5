import type { Command, Event } from '../shared/message.js';

/** An assistance programme (帮扶项目), e.g. 援藏. Stream: program-<id>. */
export type ProgramRegistered = Event<
  'ProgramRegistered',
  { programId: string; name: string; region: string | null }
>;
export type ProgramEvent = ProgramRegistered;

export type RegisterProgram = Command<
  'RegisterProgram',
  { programId: string; name: string; region?: string | null }
>;
export type ProgramCommand = RegisterProgram;
