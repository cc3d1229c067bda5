import { InvalidTransitionError } from '../../shared/errors.js';
import type { TaskState } from '../task.state.js';
import type { MetricValue } from '../task.types.js';
import { assertMetricsMatchTargets, evidenceList, metricValues } from '../task.validation.js';

/** The figures and evidence a unit sends with a progress report or a completion. */
export function reportedWork(data: { metrics?: unknown; evidence?: unknown }): {
  metrics: MetricValue[];
  evidence: string[];
} {
  return {
    metrics: metricValues('metrics', data.metrics),
    evidence: evidenceList('evidence', data.evidence),
  };
}

/** Work is reported on a task in hand (a blocked one must be unblocked first), in the figures its targets name. */
export function assertReportable(state: TaskState, command: string, metrics: readonly MetricValue[]): void {
  if (state.status !== 'ASSIGNED' && state.status !== 'IN_PROGRESS') {
    throw new InvalidTransitionError(state.status, command);
  }
  assertMetricsMatchTargets('metrics', metrics, state.targets);
}
