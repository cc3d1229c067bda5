import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { RequestContext } from '../auth/request-context.js';
import { ExecuteCommand } from '../shared/execute-command.handler.js';
import { ListProgramsQuery } from './list-programs.query.js';
import { ProgramModel, toProgramModel } from './program.model.js';
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
  async registerProgram(
    @Args('input') input: RegisterProgramInput,
    @Context() request: RequestContext,
  ): Promise<ProgramModel> {
    const { id: programId, name, region, idempotencyKey } = input;
    const { state } = await this.commands.execute(
      new ExecuteCommand({ type: 'RegisterProgram', data: { programId, name, region } }, request, {
        idempotencyKey,
      }),
    );
    return toProgramModel(state.programId, state);
  }
}
