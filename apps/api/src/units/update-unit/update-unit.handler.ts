import { unitDecider, unitStream } from '#domain';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '../../auth/request-context.js';
import { StreamWriter } from '../../shared/stream-writer.js';
import type { UnitModel } from '../unit.model.js';
import type { UpdateUnitInput } from './update-unit.input.js';

export class UpdateUnitCommand extends Command<UnitModel> {
  constructor(
    readonly input: UpdateUnitInput,
    readonly request: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(UpdateUnitCommand)
export class UpdateUnitHandler implements ICommandHandler<UpdateUnitCommand> {
  constructor(private readonly writer: StreamWriter) {}

  async execute({ input, request }: UpdateUnitCommand): Promise<UnitModel> {
    const { state } = await this.writer.write(
      unitStream(input.id),
      unitDecider,
      { type: 'UpdateUnit', data: { unitId: input.id, name: input.name, contacts: input.contacts } },
      request,
      { idempotencyKey: input.idempotencyKey },
    );
    return { id: state.unitId, name: state.name, contacts: [...state.contacts] };
  }
}
