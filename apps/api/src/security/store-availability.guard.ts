import { ServiceUnavailableError } from '#domain';
import { ReadModel } from '#projections';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';

/**
 * Before a mutation writes anything, the read model must answer (its checkpoint, one
 * indexed read): a mutation answers from the read model (read-your-writes), so with the read
 * model unreachable it is refused with SERVICE_UNAVAILABLE and nothing is written, rather
 * than appended and left unanswerable. The event store needs no such check: an append to an
 * unreachable store fails inside its transaction, so it writes nothing either.
 *
 * A read model that answers but cannot be written (a full disk) does not stop writes: the
 * event is the truth, the mutation answers from the stream after READ_YOUR_WRITES_TIMEOUT_MS,
 * and the projector catches up once it can write again.
 */
@Injectable()
export class StoreAvailabilityGuard implements CanActivate {
  constructor(private readonly readModel: ReadModel) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const { operation } = GqlExecutionContext.create(context).getInfo<{ operation: { operation: string } }>();
    if (operation.operation !== 'mutation') return true;
    try {
      await this.readModel.checkpoint();
    } catch (error) {
      const unavailable = new ServiceUnavailableError(
        `the read model is unreachable (${error instanceof Error ? error.message : String(error)}); nothing was written`,
      );
      unavailable.cause = error;
      throw unavailable;
    }
    return true;
  }
}
