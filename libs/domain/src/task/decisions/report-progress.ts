import { LIMITS, optionalText, progress } from '../../shared/validation.js';
import type { ReportProgress } from '../task.commands.js';
import type { ProgressReported } from '../task.events.js';
import type { TaskState } from '../task.state.js';
import { assertReportable, reportedWork } from './reported-work.js';

/** The first report moves an ASSIGNED task to IN_PROGRESS; a blocked task must be unblocked first. */
export function reportProgress(command: ReportProgress, state: TaskState): ProgressReported[] {
  const { data } = command;
  const report = {
    progress: progress('progress', data.progress),
    note: optionalText('note', data.note, LIMITS.note),
    ...reportedWork(data),
  };
  assertReportable(state, 'report progress on', report.metrics);
  return [{ type: 'ProgressReported', data: { taskId: state.taskId, ...report } }];
}
