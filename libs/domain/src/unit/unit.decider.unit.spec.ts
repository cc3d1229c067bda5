import type { Actor } from '../shared/actor.js';
import { briefly } from '../testing/brief.js';
import { deciderSpec } from '../testing/decider-spec.js';
import { auditor, managementManager, NOW, office, worker } from '../testing/task.fixtures.js';
import type { RegisterUnit, UpdateUnit } from './unit.js';
import { unitDecider } from './unit.decider.js';
import { initialUnitState } from './unit.state.js';

const { given, fold } = deciderSpec(unitDecider, { occurredAt: NOW });
const CONTACTS = ['glxy@example.edu.cn', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=demo'];
const register = (data: Partial<RegisterUnit['data']> = {}, actor: Actor = office): RegisterUnit => ({
  type: 'RegisterUnit',
  data: { unitId: 'management', name: '管理学院', contacts: CONTACTS, ...data },
  metadata: { actor, now: NOW },
});
const update = (data: Omit<UpdateUnit['data'], 'unitId'>, actor: Actor = office): UpdateUnit => ({
  type: 'UpdateUnit',
  data: { unitId: 'management', ...data },
  metadata: { actor, now: NOW },
});
const registered = {
  type: 'UnitRegistered',
  data: { unitId: 'management', name: '管理学院', contacts: CONTACTS },
} as const;

describe('when the unit does not exist', () => {
  it('the office registers it with its contacts', () => {
    given([]).when(register()).then([registered]);
  });

  it('contacts are optional, trimmed and deduplicated', () => {
    given([])
      .when(register({ contacts: [' glxy@example.edu.cn ', 'glxy@example.edu.cn'] }))
      .then([
        {
          type: 'UnitRegistered',
          data: { unitId: 'management', name: '管理学院', contacts: ['glxy@example.edu.cn'] },
        },
      ]);
    given([])
      .when(register({ contacts: null }))
      .then([{ type: 'UnitRegistered', data: { unitId: 'management', name: '管理学院', contacts: [] } }]);
  });

  it('updating it is NOT_FOUND', () => {
    given([])
      .when(update({ name: '管理学院' }))
      .thenThrows('NOT_FOUND', 'no such unit: management');
  });

  it.each(
    briefly([
      [{ unitId: '管理学院' }, /^id: must be 1 to 64 letters/],
      [{ name: ' ' }, 'name: must not be empty'],
      [{ name: 'x'.repeat(101) }, 'name: must be at most 100 characters'],
      [
        { contacts: ['glxy@example.edu.cn', 'ftp://files.example.edu.cn'] },
        'contacts[1]: must be an e-mail address or an http(s) URL',
      ],
      [{ contacts: ['李主任'] }, 'contacts[0]: must be an e-mail address or an http(s) URL'],
      [
        { contacts: Array.from({ length: 21 }, (_, i) => `u${i}@example.edu.cn`) },
        'contacts: must have at most 20 items',
      ],
    ] as const),
  )('registering with %s is rejected with "%s"', (_, message, data) => {
    given([])
      .when(register(data as Partial<RegisterUnit['data']>))
      .thenThrows('BAD_USER_INPUT', message);
  });
});

describe('when registered', () => {
  it('registering the same id again is rejected', () => {
    given([registered]).when(register()).thenThrows('BAD_USER_INPUT', 'id: is already in use');
  });

  it('an update records only the fields that changed', () => {
    given([registered])
      .when(update({ name: '管理学院', contacts: ['glxy@example.edu.cn'] }))
      .then([{ type: 'UnitUpdated', data: { unitId: 'management', contacts: ['glxy@example.edu.cn'] } }]);
  });

  it('a rename keeps the contacts', () => {
    given([registered])
      .when(update({ name: '管理学院（商学院）' }))
      .then([{ type: 'UnitUpdated', data: { unitId: 'management', name: '管理学院（商学院）' } }]);
  });

  it('an update that changes nothing records nothing', () => {
    given([registered])
      .when(update({ name: ' 管理学院 ', contacts: CONTACTS }))
      .then([]);
    given([registered]).when(update({})).then([]);
  });

  it('contacts can be cleared with an empty list', () => {
    given([registered])
      .when(update({ contacts: [] }))
      .then([{ type: 'UnitUpdated', data: { unitId: 'management', contacts: [] } }]);
  });

  it('an update names a bad field', () => {
    given([registered])
      .when(update({ name: '' }))
      .thenThrows('BAD_USER_INPUT', 'name: must not be empty');
  });

  it('evolve applies registration and updates', () => {
    const state = fold([
      registered,
      { type: 'UnitUpdated', data: { unitId: 'management', name: '管理学院（商学院）' }, occurredAt: NOW },
    ]);
    expect(state).toEqual({
      ...initialUnitState(),
      exists: true,
      unitId: 'management',
      name: '管理学院（商学院）',
      contacts: CONTACTS,
      revision: 1,
    });
  });
});

describe('who may register and update units', () => {
  it.each([managementManager, auditor, worker])('$role may not register a unit', (actor) => {
    given([]).when(register({}, actor)).thenThrows('FORBIDDEN', `role ${actor.role} may not RegisterUnit`);
  });

  it.each([managementManager, auditor, worker])('$role may not update a unit', (actor) => {
    given([registered])
      .when(update({ name: '新名称' }, actor))
      .thenThrows('FORBIDDEN');
  });
});
