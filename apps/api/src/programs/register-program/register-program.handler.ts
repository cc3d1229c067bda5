import { programDecider, programStream } from '#domain';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '../../auth/request-context.js';
import { StreamWriter } from '../../shared/stream-writer.js';
import type { ProgramModel } from '../program.model.js';
import type { RegisterProgramInput } from './register-program.input.js';

export class RegisterProgramCommand extends Command<ProgramModel> {
  constructor(
    readonly input: RegisterProgramInput,
    readonly request: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RegisterProgramCommand)
export class RegisterProgramHandler implements ICommandHandler<RegisterProgramCommand> {
  constructor(private readonly writer: StreamWriter) {}

  async execute({ input, request }: RegisterProgramCommand): Promise<ProgramModel> {
    const { state } = await this.writer.write(
      programStream(input.id),
      programDecider,
      { type: 'RegisterProgram', data: { programId: input.id, name: input.name, region: input.region } },
      request,
      { idempotencyKey: input.idempotencyKey },
    );
    return { id: state.programId, name: state.name, region: state.region };
  }
}
