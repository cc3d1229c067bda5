import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { RequestContext } from '../auth/request-context.js';
import { ListProgramsQuery } from './list-programs.query.js';
import { ProgramModel } from './program.model.js';
import { RegisterProgramCommand } from './register-program/register-program.handler.js';
import { RegisterProgramInput } from './register-program/register-program.input.js';

@Resolver(() => ProgramModel)
export class ProgramsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Query(() => [ProgramModel])
  programs(): Promise<ProgramModel[]> {
    return this.queries.execute(new ListProgramsQuery());
  }

  @Mutation(() => ProgramModel)
  registerProgram(
    @Args('input') input: RegisterProgramInput,
    @Context() request: RequestContext,
  ): Promise<ProgramModel> {
    return this.commands.execute(new RegisterProgramCommand(input, request));
  }
}
