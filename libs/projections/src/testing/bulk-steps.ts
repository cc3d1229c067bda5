import { taskStream } from '#domain';
import { AUTOMOTIVE_MANAGER, MANAGEMENT_MANAGER, OFFICE, type ScenarioStep } from './scenario-2023.js';

/** `count` more tasks, each assigned, progressed and (every other one) completed: volume for the concurrency tests. */
export function bulkSteps(count: number, day = '2023-08'): ScenarioStep[] {
  const steps: ScenarioStep[] = [];
  for (let i = 0; i < count; i++) {
    const id = `7a2e0c55-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const unitId = i % 2 === 0 ? 'management' : 'automotive';
    const manager = i % 2 === 0 ? MANAGEMENT_MANAGER : AUTOMOTIVE_MANAGER;
    const at = (hour: number) =>
      `${day}-${String((i % 28) + 1).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;
    steps.push({
      streamId: taskStream(id),
      actor: OFFICE,
      occurredAt: at(1),
      event: {
        type: 'TaskAssigned',
        data: {
          taskId: id,
          title: `结对帮扶任务 ${i}`,
          description: null,
          programId: i % 3 === 0 ? 'xinjiang' : 'tibet',
          partner: null,
          unitId,
          assignee: null,
          deadline: `2023-12-${String((i % 28) + 1).padStart(2, '0')}T16:00:00.000Z`,
          targets: [],
        },
      },
    });
    steps.push({
      streamId: taskStream(id),
      actor: manager,
      occurredAt: at(2),
      event: {
        type: 'ProgressReported',
        data: { taskId: id, progress: 50, note: null, metrics: [], evidence: [] },
      },
    });
    if (i % 2 === 0) {
      steps.push({
        streamId: taskStream(id),
        actor: manager,
        occurredAt: at(3),
        event: { type: 'TaskCompleted', data: { taskId: id, summary: '完成', metrics: [], evidence: [] } },
      });
    }
  }
  return steps;
}
