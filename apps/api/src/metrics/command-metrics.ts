import { commandsTotal, eventsAppendedTotal } from './metrics.js';

interface Outcome {
  readonly events: readonly { readonly type: string }[];
  readonly duplicate: boolean;
}

/**
 * Counts one pass through the command pipeline: `written` (events appended), `duplicate`
 * (an idempotent retry, nothing new), `unchanged` (the decider had nothing to say), or the
 * error's contract code (BAD_USER_INPUT, FORBIDDEN, CONFLICT, …; `error` for anything else).
 */
export function recordCommand(command: string, result: Outcome | { readonly error: unknown }): void {
  if ('error' in result) {
    commandsTotal.inc({ command, outcome: errorCode(result.error) });
    return;
  }
  if (result.duplicate) {
    commandsTotal.inc({ command, outcome: 'duplicate' });
    return;
  }
  commandsTotal.inc({ command, outcome: result.events.length > 0 ? 'written' : 'unchanged' });
  for (const event of result.events) eventsAppendedTotal.inc({ type: event.type });
}

const CODE = /^[A-Z][A-Z_]{2,40}$/;

function errorCode(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? (error as { code: unknown }).code : undefined;
  return typeof code === 'string' && CODE.test(code) ? code : 'error';
}
