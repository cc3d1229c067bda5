import type { UnitCommand, WithoutMetadata } from '#domain';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { RequestContext } from '../auth/request-context.js';
import { ExecuteCommand } from '../shared/execute-command.handler.js';
import { ListUnitsQuery } from './list-units.query.js';
import { RegisterUnitInput } from './register-unit/register-unit.input.js';
import { UpdateUnitInput } from './update-unit/update-unit.input.js';
import { toUnitModel, UnitModel } from './unit.model.js';

@Resolver(() => UnitModel)
export class UnitsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Query(() => [UnitModel])
  units(): Promise<UnitModel[]> {
    return this.queries.execute(new ListUnitsQuery());
  }

  @Mutation(() => UnitModel)
  registerUnit(
    @Args('input') input: RegisterUnitInput,
    @Context() request: RequestContext,
  ): Promise<UnitModel> {
    return this.run('RegisterUnit', input, request);
  }

  @Mutation(() => UnitModel)
  updateUnit(@Args('input') input: UpdateUnitInput, @Context() request: RequestContext): Promise<UnitModel> {
    return this.run('UpdateUnit', input, request);
  }

  /** Both unit commands take the same fields; the decider tells a registration from an update. */
  private async run(
    type: UnitCommand['type'],
    input: RegisterUnitInput | UpdateUnitInput,
    request: RequestContext,
  ): Promise<UnitModel> {
    const { id: unitId, name, contacts, idempotencyKey } = input;
    const command = { type, data: { unitId, name, contacts } } as WithoutMetadata<UnitCommand>;
    const { state } = await this.commands.execute(new ExecuteCommand(command, request, { idempotencyKey }));
    return toUnitModel(state.unitId, state);
  }
}
