import { LIMITS, requiredText } from '../../shared/validation.js';
import type { AddComment } from '../task.commands.js';
import type { CommentAdded } from '../task.events.js';
import type { TaskState } from '../task.state.js';

/** Comments are allowed in every status, closed ones included: the conversation outlives the work. */
export function addComment(command: AddComment, state: TaskState): CommentAdded[] {
  const text = requiredText('text', command.data.text, LIMITS.comment);
  return [{ type: 'CommentAdded', data: { taskId: state.taskId, text } }];
}
