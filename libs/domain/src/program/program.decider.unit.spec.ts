import type { Actor } from '../shared/actor.js';
import { briefly } from '../testing/brief.js';
import { deciderSpec } from '../testing/decider-spec.js';
import { auditor, managementManager, NOW, office, worker } from '../testing/task.fixtures.js';
import type { RegisterProgram } from './program.js';
import { programDecider } from './program.decider.js';

const { given, fold } = deciderSpec(programDecider, { occurredAt: NOW });
const register = (data: Partial<RegisterProgram['data']> = {}, actor: Actor = office): RegisterProgram => ({
  type: 'RegisterProgram',
  data: { programId: 'tibet', name: '援藏', region: '西藏林芝', ...data },
  metadata: { actor, now: NOW },
});
const registered = {
  type: 'ProgramRegistered',
  data: { programId: 'tibet', name: '援藏', region: '西藏林芝' },
} as const;

describe('when the programme does not exist', () => {
  it('the office registers it', () => {
    given([]).when(register()).then([registered]);
  });

  it('the region is optional', () => {
    given([])
      .when(register({ programId: 'alliance', name: '跨区域协同发展共同体', region: undefined }))
      .then([
        {
          type: 'ProgramRegistered',
          data: { programId: 'alliance', name: '跨区域协同发展共同体', region: null },
        },
      ]);
  });

  it.each(
    briefly([
      [{ programId: 'tibet 2023' }, /^id: must be 1 to 64 letters/],
      [{ name: '' }, 'name: must not be empty'],
      [{ region: 'x'.repeat(101) }, 'region: must be at most 100 characters'],
    ] as const),
  )('registering with %s is rejected with "%s"', (_, message, data) => {
    given([]).when(register(data)).thenThrows('BAD_USER_INPUT', message);
  });

  it.each([managementManager, auditor, worker])('$role may not register a programme', (actor) => {
    given([]).when(register({}, actor)).thenThrows('FORBIDDEN', `role ${actor.role} may not RegisterProgram`);
  });
});

describe('when registered', () => {
  it('registering the same id again is rejected', () => {
    given([registered]).when(register()).thenThrows('BAD_USER_INPUT', 'id: is already in use');
  });

  it('evolve records the programme', () => {
    expect(fold([registered])).toEqual({
      exists: true,
      programId: 'tibet',
      name: '援藏',
      region: '西藏林芝',
      revision: 0,
    });
  });
});
