import { Module, type DynamicModule } from '@nestjs/common';
import {
  MetricsController,
  REMINDER_QUEUE_LOCATION,
  type ReminderQueueLocation,
} from './metrics.controller.js';

/** GET /metrics. The counters themselves are module-level (metrics.ts); this serves and refreshes them. */
@Module({})
export class MetricsModule {
  static forRoot(options: { reminderQueue: ReminderQueueLocation | null }): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [{ provide: REMINDER_QUEUE_LOCATION, useValue: options.reminderQueue }],
    };
  }
}
