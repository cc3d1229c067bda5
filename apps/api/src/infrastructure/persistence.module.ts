import type { EventStore } from '#event-store';
import { SqliteEventStore } from '#event-store';
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
import type { AppConfig } from '../config/app-config.js';
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

const providers = [
  {
    provide: EVENT_STORE,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig): EventStore => SqliteEventStore.open(config.eventsDbPath),
  },
  {
    provide: ReadModel,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig): Promise<ReadModel> =>
      openReadModel({ kind: 'sqlite', path: config.readModelDbPath }),
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
