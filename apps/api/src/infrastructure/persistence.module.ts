import type { EventStore } from '#event-store';
import { KurrentDbEventStore, PostgresEventStore, SqliteEventStore } from '#event-store';
import { openReadModel, Projector, ReadModel } from '#projections';
import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { AppConfig, EventStoreConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { EVENT_STORE, RUNS_PROJECTOR } from './tokens.js';

/**
 * Starts the projector once the app is up (unless a worker process projects), and on
 * shutdown (after GraphQL has drained its requests) stops it, then closes both databases.
 */
@Injectable()
class PersistenceLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('Persistence');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: ReadModel,
    private readonly projector: Projector,
    @Inject(RUNS_PROJECTOR) private readonly runsProjector: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runsProjector) {
      this.logger.log(
        `API only: the worker projects; read model at position ${await this.readModel.checkpoint()}`,
      );
      return;
    }
    await this.projector.start();
    this.logger.log(`projector caught up at position ${await this.readModel.checkpoint()}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.readModel.close(), this.store.close()]);
    this.logger.log('event store and read model closed');
  }
}

async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  switch (config.kind) {
    case 'sqlite':
      return SqliteEventStore.open(config.path);
    case 'postgres':
      return PostgresEventStore.connect(config.connectionString, { schema: config.schema });
    case 'kurrentdb':
      return KurrentDbEventStore.connect(config.connectionString);
    default: {
      const unknown: never = config;
      throw new Error(`unknown event store ${(unknown as { kind: string }).kind}`);
    }
  }
}

const providers = [
  {
    provide: EVENT_STORE,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig): Promise<EventStore> => openEventStore(config.eventStore),
  },
  {
    provide: ReadModel,
    // After the event store: on PostgreSQL both may create the same schema, and two
    // concurrent CREATE SCHEMA IF NOT EXISTS collide (each takes a different lock).
    inject: [APP_CONFIG, EVENT_STORE],
    useFactory: (config: AppConfig): Promise<ReadModel> => openReadModel(config.readModel),
  },
  {
    provide: Projector,
    inject: [EVENT_STORE, ReadModel],
    useFactory: (store: EventStore, readModel: ReadModel): Projector => {
      const logger = new Logger('Projector');
      return new Projector(store, readModel, {
        logger: {
          info: (message, details) => logger.log(details ? `${message} ${JSON.stringify(details)}` : message),
          error: (message, details) =>
            logger.error(details ? `${message} ${JSON.stringify(details)}` : message),
        },
      });
    },
  },
  PersistenceLifecycle,
];

/**
 * The event store, the read model and the projector. The Projector instance exists in
 * every process (mutations wait on its checkpoint for read-your-writes, which works
 * whichever process projects); it only runs where `runsProjector` is true.
 */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(options: { runsProjector: boolean }): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [{ provide: RUNS_PROJECTOR, useValue: options.runsProjector }, ...providers],
      exports: [EVENT_STORE, ReadModel, Projector, RUNS_PROJECTOR],
    };
  }
}
