import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { AuditResolver } from './audit/audit.resolver.js';
import { AuditLogHandler } from './audit/audit-log/audit-log.query.js';
import { VerifyHistoryHandler } from './audit/verify-history/verify-history.query.js';
import { AuditorsModule } from './audit/auditors.module.js';
import { AuthModule } from './auth/auth.module.js';
import { GraphQLContextFactory } from './auth/graphql-context.js';
import { BoardResolver } from './board/board.resolver.js';
import { GetBoardHandler } from './board/get-board.query.js';
import type { AppConfig } from './config/app-config.js';
import { AppConfigModule } from './config/app-config.module.js';
import { graphqlOptions } from './graphql/graphql-options.js';
import { PassThroughGqlExceptionFilter } from './graphql/pass-through.filter.js';
import { HealthModule } from './health/health.module.js';
import { PersistenceModule } from './infrastructure/persistence.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { SecurityModule } from './security/security.module.js';
import { ListProgramsHandler } from './programs/list-programs.query.js';
import { ProgramsResolver } from './programs/programs.resolver.js';
import { Directory } from './shared/directory.js';
import { ClockModule } from './shared/clock.js';
import { ExecuteCommandHandler } from './shared/execute-command.handler.js';
import { TaskChangedFeed } from './subscriptions/task-changed.feed.js';
import { TaskChangedResolver } from './subscriptions/task-changed.resolver.js';
import { GetTaskHandler } from './tasks/get-task/get-task.query.js';
import { ListTasksHandler } from './tasks/list-tasks/list-tasks.query.js';
import { TaskConnectionResolver } from './tasks/list-tasks/task-connection.resolver.js';
import { TaskFieldsResolver } from './tasks/task-fields.resolver.js';
import { TaskMutationsResolver } from './tasks/task-mutations.resolver.js';
import { TaskQueriesResolver } from './tasks/task-queries.resolver.js';
import { ListUnitsHandler } from './units/list-units.query.js';
import { UnitsResolver } from './units/units.resolver.js';
import { REMINDER_QUEUE, type ReminderConfig } from '#reminders';
import { RemindersModule } from './reminders/reminders.module.js';
import { EVENT_STORE } from './infrastructure/tokens.js';
import { ReadModel } from '#projections';

/** One handler for every command: each mutation sends its domain command through it. */
const commandHandlers = [ExecuteCommandHandler];

const queryHandlers = [
  GetTaskHandler,
  ListTasksHandler,
  GetBoardHandler,
  ListUnitsHandler,
  ListProgramsHandler,
  AuditLogHandler,
  VerifyHistoryHandler,
];

const resolvers = [
  UnitsResolver,
  ProgramsResolver,
  TaskQueriesResolver,
  TaskFieldsResolver,
  TaskConnectionResolver,
  TaskMutationsResolver,
  BoardResolver,
  AuditResolver,
  TaskChangedResolver,
];

export interface AppModuleOptions {
  /**
   * The all-in-one process (`npm start`) also chases deadlines: the RemindersModule,
   * on an in-process timer without REDIS_URL, through BullMQ with it. null: no reminders.
   */
  readonly reminders: ReminderConfig | null;
  /** False for `npm run start:api`: a worker process runs the projector. Default true. */
  readonly runsProjector?: boolean;
}

/** The BullMQ queue /metrics reports depths of: this process's, or the workers' when REDIS_URL is set here too. */
function reminderQueueLocation(reminders: ReminderConfig | null) {
  const redisUrl = reminders?.redisUrl ?? process.env.REDIS_URL;
  if (!redisUrl) return null;
  const prefix = reminders?.queuePrefix ?? process.env.REMINDER_QUEUE_PREFIX ?? 'chessboard';
  return { redisUrl, prefix, name: REMINDER_QUEUE };
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = { reminders: null }): DynamicModule {
    const reminders = options.reminders
      ? [RemindersModule.forRoot({ store: EVENT_STORE, readModel: ReadModel, config: options.reminders })]
      : [];
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        ClockModule,
        CqrsModule.forRoot(),
        PersistenceModule.forRoot({ runsProjector: options.runsProjector ?? true }),
        HealthModule.forRoot({
          redisUrl: options.reminders?.redisUrl ?? (process.env.REDIS_URL || null),
          maxProjectorLag: config.readinessMaxLag,
        }),
        AuthModule,
        AuditorsModule,
        SecurityModule.forRoot(config.security.rateLimit),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AuthModule],
          inject: [GraphQLContextFactory],
          useFactory: (contexts: GraphQLContextFactory) => graphqlOptions(config, contexts),
        }),
        ...reminders,
        MetricsModule.forRoot({ reminderQueue: reminderQueueLocation(options.reminders) }),
      ],
      providers: [
        { provide: APP_FILTER, useClass: PassThroughGqlExceptionFilter },
        Directory,
        TaskChangedFeed,
        ...commandHandlers,
        ...queryHandlers,
        ...resolvers,
      ],
    };
  }
}
