import { ForbiddenError } from './errors.js';
import type { CommandMetadata } from './message.js';

/** Registering and changing units and programmes is the support office's job alone. */
export function authorizeOffice(type: string, { actor }: CommandMetadata): void {
  if (actor.role !== 'office') throw new ForbiddenError(`role ${actor.role} may not ${type}`);
}
