import type { EventStore } from '#event-store';
import type { Db } from '#projections';
import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type InjectionToken,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  loadReminderConfig,
  startEmbeddedReminders,
  startQueueReminders,
  type ReminderConfig,
} from '#reminders';
import { nestLogPort } from '../logging/nest-log-port.js';

export interface RemindersModuleOptions {
  /** Provider token of the app's EventStore. */
  readonly store: InjectionToken;
  /** Provider token of the app's read model (anything with its Kysely `db`). */
  readonly readModel: InjectionToken;
  /** Default: loadReminderConfig(process.env), read when the module is created. */
  readonly config?: ReminderConfig;
}

const OPTIONS = Symbol('REMINDERS_MODULE_OPTIONS');
const STORE = Symbol('REMINDERS_STORE');
const READ_MODEL = Symbol('REMINDERS_READ_MODEL');

/**
 * Runs the reminders inside a Nest app (the all-in-one `npm start`): embedded timer without
 * REDIS_URL, BullMQ sweep and delivery with it. Starts once the app has bootstrapped (the
 * projector is running by then) and stops before shutdown closes the databases.
 */
@Injectable()
class RemindersLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  /** One reminder runner per event store in a process, however many times the module is imported. */
  private static readonly running = new WeakSet<EventStore>();
  private stopReminders: (() => Promise<void>) | null = null;

  constructor(
    @Inject(OPTIONS) private readonly options: RemindersModuleOptions,
    @Inject(STORE) private readonly store: EventStore,
    @Inject(READ_MODEL) private readonly readModel: { readonly db: Db },
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const config = this.options.config ?? loadReminderConfig();
    if (!config.enabled || RemindersLifecycle.running.has(this.store)) return;
    RemindersLifecycle.running.add(this.store);
    const input = { store: this.store, readModel: this.readModel, logger: nestLogPort('Reminders'), config };
    const running = config.redisUrl ? await startQueueReminders(input) : startEmbeddedReminders(input);
    this.stopReminders = async () => {
      await running.stop();
      RemindersLifecycle.running.delete(this.store);
    };
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stopReminders?.();
    this.stopReminders = null;
  }
}

@Module({})
export class RemindersModule {
  static forRoot(options: RemindersModuleOptions): DynamicModule {
    return {
      module: RemindersModule,
      providers: [
        { provide: OPTIONS, useValue: options },
        { provide: STORE, useExisting: options.store },
        { provide: READ_MODEL, useExisting: options.readModel },
        RemindersLifecycle,
      ],
    };
  }
}
