import { InvalidTransitionError, ValidationError } from '../../shared/errors.js';
import { instant, LIMITS, requiredText } from '../../shared/validation.js';
import type { RecordReminder } from '../task.commands.js';
import type { ReminderSent } from '../task.events.js';
import { isClosed, type TaskState } from '../task.state.js';
import type { ReminderKind } from '../task.types.js';

export const REMINDER_KINDS: readonly ReminderKind[] = ['UPCOMING', 'DUE_SOON', 'DUE', 'OVERDUE'];

/** The worker records a delivered 催办 reminder; the same reminder is never recorded twice. */
export function recordReminder(command: RecordReminder, state: TaskState): ReminderSent[] {
  const { kind, sequence } = command.data;
  if (!REMINDER_KINDS.includes(kind))
    throw new ValidationError('kind', `must be one of ${REMINDER_KINDS.join(', ')}`);
  if (!Number.isInteger(sequence) || sequence < 0 || (kind !== 'OVERDUE' && sequence !== 0)) {
    throw new ValidationError('sequence', 'must be 0, or an integer from 0 up for OVERDUE reminders');
  }
  const deadline = instant('deadline', command.data.deadline);
  const channel = requiredText('channel', command.data.channel, LIMITS.channel);
  const recipient = requiredText('recipient', command.data.recipient, LIMITS.contact);
  const verb = 'record a reminder for';
  // Instants, not strings: stored deadlines need not share one notation.
  const isAbout = (other: string) => Date.parse(other) === Date.parse(deadline);
  if (isClosed(state.status)) throw new InvalidTransitionError(state.status, verb);
  if (!isAbout(state.deadline)) throw new InvalidTransitionError(state.status, verb, 'deadline has moved');
  const sent = state.reminders.some((r) => r.kind === kind && r.sequence === sequence && isAbout(r.deadline));
  if (sent) throw new InvalidTransitionError(state.status, verb, 'this reminder was already sent');
  return [
    { type: 'ReminderSent', data: { taskId: state.taskId, kind, deadline, sequence, channel, recipient } },
  ];
}
