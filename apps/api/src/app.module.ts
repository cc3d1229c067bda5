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
import { RegisterProgramHandler } from './programs/register-program/register-program.handler.js';
import { Directory } from './shared/directory.js';
import { StreamWriter } from './shared/stream-writer.js';
import { TaskChangedFeed } from './subscriptions/task-changed.feed.js';
import { TaskChangedResolver } from './subscriptions/task-changed.resolver.js';
import { AcknowledgeTaskHandler } from './tasks/acknowledge-task/acknowledge-task.handler.js';
import { AddCommentHandler } from './tasks/add-comment/add-comment.handler.js';
import { AssignTaskHandler } from './tasks/assign-task/assign-task.handler.js';
import { BlockTaskHandler } from './tasks/block-task/block-task.handler.js';
import { CancelTaskHandler } from './tasks/cancel-task/cancel-task.handler.js';
import { ChangeDeadlineHandler } from './tasks/change-deadline/change-deadline.handler.js';
import { CompleteTaskHandler } from './tasks/complete-task/complete-task.handler.js';
import { GetTaskHandler } from './tasks/get-task/get-task.query.js';
import { ListTasksHandler } from './tasks/list-tasks/list-tasks.query.js';
import { TaskConnectionResolver } from './tasks/list-tasks/task-connection.resolver.js';
import { ReassignTaskHandler } from './tasks/reassign-task/reassign-task.handler.js';
import { ReopenTaskHandler } from './tasks/reopen-task/reopen-task.handler.js';
import { ReportProgressHandler } from './tasks/report-progress/report-progress.handler.js';
import { TaskCommandRunner } from './tasks/task-command-runner.js';
import { TaskFieldsResolver } from './tasks/task-fields.resolver.js';
import { TaskMutationsResolver } from './tasks/task-mutations.resolver.js';
import { TaskQueriesResolver } from './tasks/task-queries.resolver.js';
import { UnblockTaskHandler } from './tasks/unblock-task/unblock-task.handler.js';
import { ListUnitsHandler } from './units/list-units.query.js';
import { RegisterUnitHandler } from './units/register-unit/register-unit.handler.js';
import { UnitsResolver } from './units/units.resolver.js';
import { UpdateUnitHandler } from './units/update-unit/update-unit.handler.js';
import { REMINDER_QUEUE, type ReminderConfig } from '#reminders';
import { RemindersModule } from './reminders/reminders.module.js';
import { EVENT_STORE } from './infrastructure/tokens.js';
import { ReadModel } from '#projections';

const commandHandlers = [
  RegisterUnitHandler,
  UpdateUnitHandler,
  RegisterProgramHandler,
  AssignTaskHandler,
  AcknowledgeTaskHandler,
  ReportProgressHandler,
  ChangeDeadlineHandler,
  ReassignTaskHandler,
  BlockTaskHandler,
  UnblockTaskHandler,
  CompleteTaskHandler,
  ReopenTaskHandler,
  CancelTaskHandler,
  AddCommentHandler,
];

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
        StreamWriter,
        TaskCommandRunner,
        Directory,
        TaskChangedFeed,
        ...commandHandlers,
        ...queryHandlers,
        ...resolvers,
      ],
    };
  }
}
