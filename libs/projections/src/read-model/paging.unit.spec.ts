import {
  decodePositionCursor,
  decodeTaskCursor,
  encodeTaskCursor,
  likeContains,
  pageSize,
} from './paging.js';

describe('task cursors', () => {
  it('round-trip a (deadline, id) position, Chinese ids included', () => {
    const row = { deadline: '2023-06-30T16:00:00.000Z', id: '任务-1' };
    const cursor = encodeTaskCursor(row);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeTaskCursor(cursor)).toEqual(row);
  });

  it.each([
    '',
    'abc',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('[1,2]').toString('base64url'),
  ])('reject %p as BAD_USER_INPUT', (cursor) => {
    expect(() => decodeTaskCursor(cursor)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});

describe('audit cursors', () => {
  it('are decimal positions, 64-bit safe', () => {
    expect(decodePositionCursor('9007199254740993')).toBe(9007199254740993n);
    expect(() => decodePositionCursor('-1')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => decodePositionCursor('1e3')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});

describe('search patterns', () => {
  it('take % and _ (and the escape character) literally, lower-cased', () => {
    expect(likeContains('95%_口径')).toBe('%95!%!_口径%');
    expect(likeContains('Wow!')).toBe('%wow!!%');
    expect(likeContains('LINZHI')).toBe('%linzhi%');
  });
});

describe('page sizes', () => {
  it('accept 0 to 1000 and reject the rest', () => {
    expect(pageSize(0)).toBe(0);
    expect(pageSize(1000)).toBe(1000);
    for (const bad of [-1, 1001, 1.5, Number.NaN]) {
      expect(() => pageSize(bad)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    }
  });
});
