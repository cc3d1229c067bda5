import { NotFoundError, programStream, unitStream, validate } from '#domain';
import type { EventStore } from '#event-store';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from '../infrastructure/tokens.js';

/**
 * Existence checks against the event store, not the read model: a unit registered a moment
 * ago counts even when the projector has not caught up yet.
 */
@Injectable()
export class Directory {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async requireUnit(field: string, unitId: string): Promise<void> {
    validate.entityId(field, unitId);
    if (!(await this.exists(unitStream(unitId)))) throw new NotFoundError('unit', unitId);
  }

  async requireProgram(field: string, programId: string): Promise<void> {
    validate.entityId(field, programId);
    if (!(await this.exists(programStream(programId)))) throw new NotFoundError('program', programId);
  }

  private async exists(streamId: string): Promise<boolean> {
    return (await this.store.readStream(streamId, { toRevision: 0 })).length > 0;
  }
}
