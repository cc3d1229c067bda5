import {
  dueReminder,
  foldEvents,
  InvalidTransitionError,
  isClosed,
  taskDecider,
  taskStream,
  unitDecider,
  unitStream,
  type Recorded,
  type ReminderSchedule,
  type TaskEvent,
  type TaskState,
  type UnitEvent,
  type UnitState,
} from '#domain';
import { executeCommand, type EventStore, type RecordedEvent } from '#event-store';
import type { Logger } from '#domain';
import { PermanentDeliveryError } from './notifiers/notifier.js';
import type { Delivery, NotifierRouter } from './notifiers/notifier-router.js';
import { renderReminder, type MessageOptions, type ReminderFacts } from './notifiers/reminder-message.js';
import { REMINDER_WORKER, type ReminderJobData } from './reminder-job.js';

/**
 * Which recipients of one job were already reached. It outlives a failed attempt (BullMQ:
 * the job's data; embedded: memory), so a retry after a partial failure does not send
 * the same reminder to the same recipient again.
 */
export interface DeliveryLedger {
  has(key: string): boolean;
  add(key: string): Promise<void>;
}

export const deliveryKey = (d: Delivery): string => `${d.channel} ${d.address}`;

export interface DeliveryDeps {
  readonly store: EventStore;
  readonly router: NotifierRouter;
  readonly logger: Logger;
  readonly schedule: ReminderSchedule;
  readonly message: MessageOptions;
  readonly officeContacts: readonly string[];
  readonly clock?: () => Date;
}

export interface DeliveryAttempt {
  /** The deterministic reminder id: BullMQ job id and idempotency key of the append. */
  readonly id: string;
  readonly data: ReminderJobData;
  readonly ledger: DeliveryLedger;
  /** No retry follows this attempt: record what was delivered even if some recipients failed. */
  readonly finalAttempt: boolean;
}

export type DropReason = 'task-missing' | 'closed' | 'deadline-moved' | 'already-recorded' | 'superseded';

export type DeliveryOutcome =
  | { readonly status: 'dropped'; readonly reason: DropReason }
  | {
      readonly status: 'recorded';
      /** The delivery the ReminderSent event names (one event per reminder: the decider's rule). */
      readonly primary: Delivery;
      readonly delivered: readonly Delivery[];
      /** True when an earlier attempt had already appended it (crash after append, before ack). */
      readonly duplicate: boolean;
    }
  | {
      /** Delivered, but the task changed in between (deadline moved, closed, or another worker recorded it first). */
      readonly status: 'refused';
      readonly delivered: readonly Delivery[];
      readonly reason: string;
    };

/** Some recipients could not be reached. `permanent`: retrying will not help (bad address, 4xx). */
export class DeliveryFailedError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    /** Whether the reminder was recorded anyway (the final attempt reached someone). */
    readonly recorded: boolean,
  ) {
    super(message);
    this.name = 'DeliveryFailedError';
  }
}

/**
 * Delivers one reminder, then records it. In order:
 * 1. Re-read the task from its event stream (not the read model, which may lag): it must
 *    exist, be open, still have the job's deadline, and this reminder must be the one the
 *    policy says is due now and not be recorded yet. Otherwise the job is dropped.
 * 2. Deliver to every contact of the task's CURRENT unit (and the office for OVERDUE),
 *    skipping recipients the ledger says an earlier attempt already reached.
 * 3. Append ReminderSent as the worker, with the reminder id as idempotency key.
 *
 * At-least-once, recorded exactly once: a crash between a delivery and its ledger entry, or
 * between the last delivery and the append, re-delivers on the next attempt; the append is
 * idempotent and the decider refuses a second ReminderSent for the same reminder, so the
 * history never holds it twice.
 */
export async function deliverReminder(
  deps: DeliveryDeps,
  attempt: DeliveryAttempt,
): Promise<DeliveryOutcome> {
  const { data } = attempt;
  const now = (deps.clock ?? (() => new Date()))().toISOString();
  // One read of the task's stream serves the checks and the correlation of the record.
  const history = await deps.store.readStream(taskStream(data.taskId));
  const task = foldTask(history);
  const stale = staleness(task, data, now, deps.schedule);
  if (stale) {
    deps.logger.info({ reminder: { id: attempt.id, reason: stale } }, 'reminder dropped');
    return { status: 'dropped', reason: stale };
  }

  const unit = await loadUnit(deps.store, task.unitId);
  const facts: ReminderFacts = {
    taskId: task.taskId,
    title: task.title,
    unitId: task.unitId,
    unitName: unit.exists ? unit.name : task.unitId,
    kind: data.kind,
    deadline: data.deadline,
    sequence: data.sequence,
    progress: task.progress,
    now,
  };
  const deliveries = deps.router.route({
    kind: data.kind,
    unitContacts: unit.contacts,
    officeContacts: deps.officeContacts,
  });

  const failures: { delivery: Delivery; error: Error }[] = [];
  for (const delivery of deliveries) {
    if (attempt.ledger.has(deliveryKey(delivery))) continue;
    const message = renderReminder(facts, delivery.address, deps.message);
    try {
      if (delivery.channel !== 'log') await deps.router.log.deliver(message);
      await deps.router.notifier(delivery.channel).deliver(message);
      await attempt.ledger.add(deliveryKey(delivery));
    } catch (error) {
      failures.push({ delivery, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  const delivered = deliveries.filter((d) => attempt.ledger.has(deliveryKey(d)));
  const allPermanent = failures.every((f) => f.error instanceof PermanentDeliveryError);
  const summary = failures
    .map((f) => `${f.delivery.channel} ${f.delivery.recipient}: ${f.error.message}`)
    .join('; ');
  for (const f of failures) {
    deps.logger.warn(
      {
        reminder: { id: attempt.id, channel: f.delivery.channel, recipient: f.delivery.recipient },
        err: f.error.message,
      },
      'reminder delivery failed',
    );
  }
  const canRecord = delivered.length > 0 && (failures.length === 0 || attempt.finalAttempt || allPermanent);
  if (!canRecord) {
    throw new DeliveryFailedError(`reminder ${attempt.id} not delivered: ${summary}`, allPermanent, false);
  }

  const primary = delivered.find((d) => d.audience === 'unit') ?? delivered[0];
  const recorded = await record(deps, attempt, primary, now, deadlineCause(history, data.deadline));
  if ('refused' in recorded) {
    deps.logger.warn(
      { reminder: { id: attempt.id }, err: recorded.refused },
      'reminder delivered but not recorded',
    );
    return { status: 'refused', delivered, reason: recorded.refused };
  }
  const { duplicate } = recorded;
  if (failures.length > 0) {
    throw new DeliveryFailedError(
      `reminder ${attempt.id} recorded (delivered to ${delivered.length}), but undeliverable to: ${summary}`,
      true,
      true,
    );
  }
  deps.logger.info(
    { reminder: { id: attempt.id, recipients: delivered.map((d) => d.recipient), duplicate } },
    'reminder delivered and recorded',
  );
  return { status: 'recorded', primary, delivered, duplicate };
}

function staleness(
  task: TaskState,
  data: ReminderJobData,
  now: string,
  schedule: ReminderSchedule,
): DropReason | null {
  if (!task.exists) return 'task-missing';
  if (isClosed(task.status)) return 'closed';
  // Instants, not strings: the read model keeps deadlines canonical, a stream need not.
  if (!sameInstant(task.deadline, data.deadline)) return 'deadline-moved';
  const same = (r: { kind: string; deadline: string; sequence: number }): boolean =>
    r.kind === data.kind && sameInstant(r.deadline, data.deadline) && r.sequence === data.sequence;
  if (task.reminders.some(same)) return 'already-recorded';
  const due = dueReminder(task, now, schedule);
  // A later reminder is due by now (the job waited through retries or an outage): send that one instead.
  if (!due || !same(due)) return 'superseded';
  return null;
}

async function record(
  deps: DeliveryDeps,
  attempt: DeliveryAttempt,
  primary: Delivery,
  now: string,
  cause: RecordedEvent | null,
): Promise<{ duplicate: boolean } | { refused: string }> {
  const { taskId, kind, deadline, sequence } = attempt.data;
  try {
    const result = await executeCommand(
      deps.store,
      {
        type: 'RecordReminder',
        data: { taskId, kind, deadline, sequence, channel: primary.channel, recipient: primary.recipient },
      },
      {
        actor: REMINDER_WORKER,
        now,
        // The reminder continues the conversation of the request that set its deadline.
        correlationId: cause?.metadata.correlationId ?? attempt.id,
        causationId: cause?.id ?? null,
        idempotencyKey: attempt.id,
      },
    );
    return { duplicate: result.duplicate };
  } catch (error) {
    // Between our check and our append another worker recorded it (the history still holds it
    // once), or the deadline moved, or the task closed: nothing to retry.
    if (error instanceof InvalidTransitionError) return { refused: error.message };
    throw error;
  }
}

const sameInstant = (a: string, b: string): boolean => Date.parse(a) === Date.parse(b);

/** The event that set the deadline a reminder is about (TaskAssigned or the last DeadlineChanged to it). */
function deadlineCause(history: readonly RecordedEvent[], deadline: string): RecordedEvent | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const { type, data } = history[i];
    const setsDeadline = type === 'TaskAssigned' || type === 'DeadlineChanged';
    const set = (data as { deadline?: unknown }).deadline;
    if (setsDeadline && typeof set === 'string' && sameInstant(set, deadline)) return history[i];
  }
  return null;
}

function foldTask(history: readonly RecordedEvent[]): TaskState {
  return foldEvents(
    taskDecider,
    history as readonly RecordedEvent[] as unknown as readonly Recorded<TaskEvent>[],
  );
}

export async function loadUnit(store: EventStore, unitId: string): Promise<UnitState> {
  const events = await store.readStream(unitStream(unitId));
  return foldEvents(
    unitDecider,
    events as readonly RecordedEvent[] as unknown as readonly Recorded<UnitEvent>[],
  );
}
