import type { EventStore } from '#event-store';
import { Projector, ReadModel } from '#projections';
import { deferredReadModel, DeferredEventStore, StorageConnector } from '#storage';
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
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { EVENT_STORE, RUNS_PROJECTOR } from './tokens.js';
import { nestLogPort } from '../logging/nest-log-port.js';

/**
 * How long startup waits for the first connection attempt before it serves anyway (then
 * SERVICE_UNAVAILABLE and /health/ready 503 until the storage is reachable). A refused
 * connection fails at once; only a server that does not answer at all (5 s for the event
 * store and a KurrentDB ping, 10 s for the read model) is left to the background attempt.
 */
const FIRST_ATTEMPT_WAIT_MS = 8000;

/**
 * Starts the projector once the storage is open (unless a worker process projects); on
 * shutdown (after GraphQL has drained its requests) stops it, then closes both databases.
 */
@Injectable()
class PersistenceLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('Persistence');
  private stopping = false;

  constructor(
    private readonly connector: StorageConnector,
    private readonly readModel: ReadModel,
    private readonly projector: Projector,
    @Inject(RUNS_PROJECTOR) private readonly runsProjector: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.connector.connected) {
      await this.whenConnected();
      return;
    }
    this.logger.warn('serving without storage for now: requests get SERVICE_UNAVAILABLE until it connects');
    this.connector
      .whenConnected()
      .then(() => this.whenConnected())
      .catch((error: unknown) =>
        this.logger.error(`after connecting: ${error instanceof Error ? error.message : String(error)}`),
      );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.projector.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connector.close();
    this.logger.log('event store and read model closed');
  }

  private async whenConnected(): Promise<void> {
    if (this.stopping) return;
    if (!this.runsProjector) {
      this.logger.log(
        `API only: the worker projects; read model at position ${await this.readModel.checkpoint()}`,
      );
      return;
    }
    await this.projector.start();
    this.logger.log(`projector caught up at position ${await this.readModel.checkpoint()}`);
  }
}

const providers = [
  {
    provide: StorageConnector,
    inject: [APP_CONFIG],
    useFactory: async (config: AppConfig): Promise<StorageConnector> => {
      const connector = new StorageConnector(config, nestLogPort('Storage')).start();
      await connector.firstAttempt(FIRST_ATTEMPT_WAIT_MS);
      return connector;
    },
  },
  {
    provide: EVENT_STORE,
    inject: [StorageConnector],
    useFactory: (connector: StorageConnector): EventStore => new DeferredEventStore(connector),
  },
  {
    provide: ReadModel,
    inject: [StorageConnector, APP_CONFIG],
    useFactory: (connector: StorageConnector, config: AppConfig): ReadModel =>
      deferredReadModel(connector, config.readModel.kind),
  },
  {
    provide: Projector,
    inject: [EVENT_STORE, ReadModel],
    useFactory: (store: EventStore, readModel: ReadModel): Projector => {
      return new Projector(store, readModel, { logger: nestLogPort('Projector') });
    },
  },
  PersistenceLifecycle,
];

/**
 * The event store, the read model and the projector. EVENT_STORE and ReadModel are stand-ins
 * that forward to the StorageConnector's stores once they are open (libs/storage deferred-storage.ts), so
 * the app starts, answers SERVICE_UNAVAILABLE and reports readiness while a database is down.
 * The Projector instance exists in every process (mutations wait on its checkpoint for
 * read-your-writes, which works whichever process projects); it only runs where
 * `runsProjector` is true.
 */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(options: { runsProjector: boolean }): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [{ provide: RUNS_PROJECTOR, useValue: options.runsProjector }, ...providers],
      exports: [EVENT_STORE, ReadModel, Projector, RUNS_PROJECTOR, StorageConnector],
    };
  }
}
