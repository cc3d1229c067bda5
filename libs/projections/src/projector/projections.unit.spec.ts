import { EVENT_SCHEMAS, TASK_EVENT_TYPES } from '#domain';
import { PROGRAM_EVENT_TYPES, UNIT_EVENT_TYPES } from '../directory/directory.projection.js';
import { TASK_DETAILS_EVENT_TYPES } from '../task-details/task-details.projection.js';
import { handledTypes } from './projection.js';
import { PROJECTIONS } from './projections.js';

describe('the projections of the read model', () => {
  it('each says yes or no to every event type the domain registers', () => {
    const registered = Object.keys(EVENT_SCHEMAS).sort();
    for (const projection of PROJECTIONS) {
      expect({ [projection.name]: Object.keys(projection.handles).sort() }).toEqual({
        [projection.name]: registered,
      });
    }
  });

  it('fold every task event into task details, and unit and programme events into the directory', () => {
    expect([...TASK_DETAILS_EVENT_TYPES].sort()).toEqual([...TASK_EVENT_TYPES].sort());
    expect([...UNIT_EVENT_TYPES].sort()).toEqual(['UnitRegistered', 'UnitUpdated']);
    expect(PROGRAM_EVENT_TYPES).toEqual(['ProgramRegistered']);
  });

  it('record every registered event type in the audit log', () => {
    const audit = PROJECTIONS.find((projection) => projection.name === 'audit-log')!;
    expect([...handledTypes(audit.handles)].sort()).toEqual(Object.keys(EVENT_SCHEMAS).sort());
  });

  it('have distinct names', () => {
    const names = PROJECTIONS.map((projection) => projection.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
