import { Module } from '@nestjs/common';
import { AuditDigestHandler } from './audit-digest/audit-digest.query.js';
import { AuditorsResolver } from './auditors.resolver.js';
import { MetricTotalsHandler } from './metric-totals/metric-totals.query.js';
import { TaskDiffHandler } from './task-diff/task-diff.query.js';
import { UnitScoresHandler } from './unit-scores/unit-scores.query.js';

/**
 * auditDigest, unitScores, metricTotals and taskDiff (docs/auditors.md). Uses the global
 * persistence providers (EVENT_STORE) and the app's QueryBus.
 */
@Module({
  providers: [AuditDigestHandler, UnitScoresHandler, MetricTotalsHandler, TaskDiffHandler, AuditorsResolver],
})
export class AuditorsModule {}
