import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import type { RequestContext } from '../auth/request-context.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { BoardModel } from './board.model.js';
import { GetBoardQuery } from './get-board.query.js';

@Resolver(() => BoardModel)
export class BoardResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => BoardModel, { description: 'The whole-school board now, or as it stood at asOf.' })
  board(
    @Context() request: RequestContext,
    @Args('asOf', { type: () => DateTimeScalar, nullable: true }) asOf?: string | null,
  ): Promise<BoardModel> {
    return this.queries.execute(new GetBoardQuery(asOf ?? null, request.now));
  }
}
