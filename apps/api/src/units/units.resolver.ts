import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { RequestContext } from '../auth/request-context.js';
import { ListUnitsQuery } from './list-units.query.js';
import { RegisterUnitCommand } from './register-unit/register-unit.handler.js';
import { RegisterUnitInput } from './register-unit/register-unit.input.js';
import { UpdateUnitCommand } from './update-unit/update-unit.handler.js';
import { UpdateUnitInput } from './update-unit/update-unit.input.js';
import { UnitModel } from './unit.model.js';

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
    return this.commands.execute(new RegisterUnitCommand(input, request));
  }

  @Mutation(() => UnitModel)
  updateUnit(@Args('input') input: UpdateUnitInput, @Context() request: RequestContext): Promise<UnitModel> {
    return this.commands.execute(new UpdateUnitCommand(input, request));
  }
}
