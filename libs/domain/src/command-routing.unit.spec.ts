import { routeCommand } from './command-routing.js';
import { programDecider } from './program/program.decider.js';
import { ValidationError } from './shared/errors.js';
import { taskDecider } from './task/task.decider.js';
import { unitDecider } from './unit/unit.decider.js';

const TASK_ID = '0b7e3c52-6f1e-4c55-9d3a-2f0b8e1c4a7d';

describe('routing a command to its stream', () => {
  it('a task command goes to its task stream and the task decider', () => {
    const route = routeCommand({ type: 'BlockTask', data: { taskId: TASK_ID, reason: '等待经费' } });
    expect(route.streamId).toBe(`task-${TASK_ID}`);
    expect(route.decider).toBe(taskDecider);
  });

  it('a unit command goes to the unit stream and the unit decider', () => {
    const route = routeCommand({ type: 'UpdateUnit', data: { unitId: 'management', name: '管理学院' } });
    expect(route).toEqual({ streamId: 'unit-management', decider: unitDecider });
  });

  it('a programme command goes to the programme stream and the programme decider', () => {
    const route = routeCommand({ type: 'RegisterProgram', data: { programId: 'tibet', name: '援藏' } });
    expect(route).toEqual({ streamId: 'program-tibet', decider: programDecider });
  });

  it('a task id that is no UUID never becomes part of a stream name', () => {
    expect(() => routeCommand({ type: 'AddComment', data: { taskId: '../unit-x', text: 'hi' } })).toThrow(
      ValidationError,
    );
  });
});
