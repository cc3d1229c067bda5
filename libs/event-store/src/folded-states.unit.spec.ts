import type { EventStore } from './event-store.port.js';
import { FoldedStates, foldedStatesFor, type Folded } from './folded-states.js';

const at = (revision: number, state = `r${revision}`): Folded<string> => ({
  revision,
  position: BigInt(revision + 1),
  state,
});

describe('FoldedStates', () => {
  it('returns what was set for a stream, and nothing for a stream it never saw', () => {
    const states = new FoldedStates<string>();
    states.set('task-1', at(3));

    expect(states.get('task-1')).toEqual(at(3));
    expect(states.get('task-2')).toBeUndefined();
  });

  it('forgets the least recently used stream beyond its capacity', () => {
    const states = new FoldedStates<string>(2);
    states.set('a', at(0));
    states.set('b', at(0));
    states.get('a');
    states.set('c', at(0));

    expect(states.size).toBe(2);
    expect(states.get('b')).toBeUndefined();
    expect(states.get('a')).toEqual(at(0));
    expect(states.get('c')).toEqual(at(0));
  });

  it('counts a write as a use: the stream written last is kept longest', () => {
    const states = new FoldedStates<string>(2);
    states.set('a', at(0));
    states.set('b', at(0));
    states.set('a', at(1));
    states.set('c', at(0));

    expect(states.get('a')).toEqual(at(1));
    expect(states.get('b')).toBeUndefined();
  });

  it('never lets a stale read replace a newer state of the same stream', () => {
    const states = new FoldedStates<string>();
    states.set('task-1', at(5, 'after a concurrent append'));
    states.set('task-1', at(4, 'read before it'));

    expect(states.get('task-1')).toEqual(at(5, 'after a concurrent append'));
  });

  it('takes a state at the same or a later revision', () => {
    const states = new FoldedStates<string>();
    states.set('task-1', at(4, 'first fold'));
    states.set('task-1', at(4, 'second fold'));
    expect(states.get('task-1')?.state).toBe('second fold');

    states.set('task-1', at(6));
    expect(states.get('task-1')).toEqual(at(6));
  });

  it('forgets a deleted stream, so any later state is taken again', () => {
    const states = new FoldedStates<string>();
    states.set('task-1', at(5));
    states.delete('task-1');

    expect(states.get('task-1')).toBeUndefined();
    states.set('task-1', at(2));
    expect(states.get('task-1')).toEqual(at(2));
  });
});

describe('foldedStatesFor', () => {
  const storeA = {} as EventStore;
  const storeB = {} as EventStore;
  const deciderA = {};
  const deciderB = {};

  it('shares one cache per store and decider in the process', () => {
    expect(foldedStatesFor(storeA, deciderA)).toBe(foldedStatesFor(storeA, deciderA));
  });

  it('keeps stores and deciders apart', () => {
    const states = foldedStatesFor(storeA, deciderA);

    expect(foldedStatesFor(storeB, deciderA)).not.toBe(states);
    expect(foldedStatesFor(storeA, deciderB)).not.toBe(states);
  });
});
