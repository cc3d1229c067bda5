import { InvalidTransitionError } from '../../shared/errors.js';
import { LIMITS, requiredText } from '../../shared/validation.js';
import type { CompleteTask } from '../task.commands.js';
import type { TaskCompleted } from '../task.events.js';
import type { TaskState } from '../task.state.js';
import { assertMetricsMatchTargets, evidenceList, metricValues } from '../task.validation.js';

/** 办结: the unit reports the task done, with a summary and its final figures; a blocked task must be unblocked first. */
export function completeTask(command: CompleteTask, state: TaskState): TaskCompleted[] {
  const { data } = command;
  const completion = {
    summary: requiredText('summary', data.summary, LIMITS.summary),
    metrics: metricValues('metrics', data.metrics),
    evidence: evidenceList('evidence', data.evidence),
  };
  if (state.status !== 'ASSIGNED' && state.status !== 'IN_PROGRESS') {
    throw new InvalidTransitionError(state.status, 'complete');
  }
  assertMetricsMatchTargets('metrics', completion.metrics, state.targets);
  return [{ type: 'TaskCompleted', data: { taskId: state.taskId, ...completion } }];
}
