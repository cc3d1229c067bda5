import { Projector, type AppliedEvent } from '#projections';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { AuditEventModel } from '../audit/audit-event.model.js';
import { auditEventFromRecorded } from '../shared/audit-event.mapper.js';

export interface TaskChangedPayload {
  readonly taskChanged: AuditEventModel;
}

/** A subscriber that does not read this many events is cut off rather than buffered forever. */
const MAX_BUFFERED = 1000;

/**
 * In-process fan-out of task events as the projector applies them (so a subscriber that
 * then queries sees the change). A reassignment reaches both the old and the new unit.
 */
@Injectable()
export class TaskChangedFeed implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TaskChangedFeed.name);
  private readonly subscribers = new Set<Subscription>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly projector: Projector) {}

  onModuleInit(): void {
    this.unsubscribe = this.projector.onApplied((applied) => this.publish(applied));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    for (const subscriber of this.subscribers) subscriber.end();
  }

  subscribe(unitId: string | null): AsyncIterableIterator<TaskChangedPayload> {
    const subscription = new Subscription(unitId, () => this.subscribers.delete(subscription));
    this.subscribers.add(subscription);
    return subscription;
  }

  private publish(applied: AppliedEvent): void {
    if (applied.taskId === null || this.subscribers.size === 0) return;
    const payload = { taskChanged: auditEventFromRecorded(applied.event) };
    const units = [applied.unitId, applied.previousUnitId];
    for (const subscriber of this.subscribers) {
      if (subscriber.unitId !== null && !units.includes(subscriber.unitId)) continue;
      if (!subscriber.push(payload))
        this.logger.warn(`dropped a subscriber of ${subscriber.unitId ?? 'all units'}: too slow`);
    }
  }
}

class Subscription implements AsyncIterableIterator<TaskChangedPayload> {
  private readonly buffer: TaskChangedPayload[] = [];
  private waiting: ((result: IteratorResult<TaskChangedPayload>) => void) | null = null;
  private done = false;

  constructor(
    readonly unitId: string | null,
    private readonly onEnd: () => void,
  ) {}

  /** False when the subscriber fell too far behind and was ended. */
  push(payload: TaskChangedPayload): boolean {
    if (this.done) return true;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: payload, done: false });
      return true;
    }
    if (this.buffer.length >= MAX_BUFFERED) {
      this.end();
      return false;
    }
    this.buffer.push(payload);
    return true;
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    this.buffer.length = 0;
    this.onEnd();
    this.waiting?.({ value: undefined, done: true });
    this.waiting = null;
  }

  next(): Promise<IteratorResult<TaskChangedPayload>> {
    const value = this.buffer.shift();
    if (value) return Promise.resolve({ value, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<TaskChangedPayload>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<TaskChangedPayload> {
    return this;
  }
}
