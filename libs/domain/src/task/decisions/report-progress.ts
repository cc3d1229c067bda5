import { InvalidTransitionError } from '../../shared/errors.js';
import { LIMITS, optionalText, progress } from '../../shared/validation.js';
import type { ReportProgress } from '../task.commands.js';
import type { ProgressReported } from '../task.events.js';
import type { TaskState } from '../task.state.js';
import { assertMetricsMatchTargets, evidenceList, metricValues } from '../task.validation.js';

/** The first report moves an ASSIGNED task to IN_PROGRESS; a blocked task must be unblocked first. */
export function reportProgress(command: ReportProgress, state: TaskState): ProgressReported[] {
  const { data } = command;
  const report = {
    progress: progress('progress', data.progress),
    note: optionalText('note', data.note, LIMITS.note),
    metrics: metricValues('metrics', data.metrics),
    evidence: evidenceList('evidence', data.evidence),
  };
  if (state.status !== 'ASSIGNED' && state.status !== 'IN_PROGRESS') {
    throw new InvalidTransitionError(state.status, 'report progress on');
  }
  assertMetricsMatchTargets('metrics', report.metrics, state.targets);
  return [{ type: 'ProgressReported', data: { taskId: state.taskId, ...report } }];
}
