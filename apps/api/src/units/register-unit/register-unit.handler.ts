import { unitDecider, unitStream } from '#domain';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '../../auth/request-context.js';
import { StreamWriter } from '../../shared/stream-writer.js';
import type { UnitModel } from '../unit.model.js';
import type { RegisterUnitInput } from './register-unit.input.js';

export class RegisterUnitCommand extends Command<UnitModel> {
  constructor(
    readonly input: RegisterUnitInput,
    readonly request: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RegisterUnitCommand)
export class RegisterUnitHandler implements ICommandHandler<RegisterUnitCommand> {
  constructor(private readonly writer: StreamWriter) {}

  async execute({ input, request }: RegisterUnitCommand): Promise<UnitModel> {
    const { state } = await this.writer.write(
      unitStream(input.id),
      unitDecider,
      { type: 'RegisterUnit', data: { unitId: input.id, name: input.name, contacts: input.contacts } },
      request,
      { idempotencyKey: input.idempotencyKey },
    );
    return { id: state.unitId, name: state.name, contacts: [...state.contacts] };
  }
}
