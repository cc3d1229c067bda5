import { ValidationError } from './errors.js';
import { contact, entityId, instant, LIMITS, requiredText, taskId } from './validation.js';

const fails = (action: () => unknown, message: string | RegExp) => {
  expect(action).toThrow(ValidationError);
  expect(action).toThrow(message);
};

describe('instants', () => {
  it.each([
    ['2023-06-30T16:00:00Z', '2023-06-30T16:00:00.000Z'],
    ['2023-07-01T00:00+08:00', '2023-06-30T16:00:00.000Z'],
    ['2023-06-30t16:00:00.123456789z', '2023-06-30T16:00:00.123Z'],
    ['2000-01-01T00:00:00Z', '2000-01-01T00:00:00.000Z'],
    ['2024-02-29T12:00:00-05:30', '2024-02-29T17:30:00.000Z'],
  ])('%s is normalised to %s', (text, normalised) => {
    expect(instant('deadline', text)).toBe(normalised);
  });

  it.each([
    '2023-06-30',
    '2023-06-30T16:00:00',
    '2023-06-30 16:00:00Z',
    '2023-13-01T00:00:00Z',
    '2023-04-31T00:00:00Z',
    '2023-06-30T16:60:00Z',
    '2023-06-30T16:00:00+24:00',
    '+002023-06-30T16:00:00Z',
    'Fri Jun 30 2023',
    '',
  ])('%j is not an instant', (text) => {
    fails(() => instant('deadline', text), /^deadline: must be an ISO-8601 instant/);
  });

  it('the year range applies to the UTC instant', () => {
    fails(
      () => instant('deadline', '2000-01-01T07:00:00+08:00'),
      'deadline: must be in the years 2000 to 2100',
    );
    expect(instant('deadline', '2101-01-01T07:00:00+08:00')).toBe('2100-12-31T23:00:00.000Z');
  });
});

describe('ids', () => {
  it('task ids are UUIDs of any version, in any case', () => {
    expect(taskId('taskId', '00000000-0000-0000-0000-000000000000')).toBeTruthy();
    expect(taskId('taskId', '0190B2C4-7E1A-7C3D-9F00-1234567890AB')).toBeTruthy();
    fails(() => taskId('taskId', '0190b2c4-7e1a-7c3d-9f00-1234567890a'), 'taskId: must be a UUID');
  });

  it('unit and programme ids are short and stream-name safe', () => {
    expect(entityId('unitId', 'management')).toBe('management');
    expect(entityId('unitId', 'a'.repeat(64))).toHaveLength(64);
    expect(entityId('unitId', 'tdc_2023.v-1')).toBe('tdc_2023.v-1');
    for (const bad of ['', '_x', 'a'.repeat(65), 'a b', 'a/b', 42])
      fails(() => entityId('unitId', bad), /^unitId: /);
  });
});

describe('texts', () => {
  it('counts characters, not UTF-16 code units', () => {
    expect(requiredText('title', '🏔'.repeat(LIMITS.title), LIMITS.title)).toHaveLength(LIMITS.title * 2);
  });

  it('accepts newlines, tabs and carriage returns but no other control characters', () => {
    expect(requiredText('note', 'a\r\nb\tc', LIMITS.note)).toBe('a\r\nb\tc');
    for (const control of ['\u0000', '\u0008', '\u000b', '\u001f', '\u007f', '\u0085']) {
      fails(
        () => requiredText('note', `a${control}b`, LIMITS.note),
        'note: must not contain control characters',
      );
    }
  });
});

describe('contacts', () => {
  it.each([
    'glxy@example.edu.cn',
    'zhang.san+reminders@mail.example.edu.cn',
    'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc',
    'http://oapi.dingtalk.com/robot/send?access_token=x',
  ])('%s is a contact', (value) => {
    expect(contact('contacts[0]', value)).toBe(value);
  });

  it.each([
    'glxy@',
    '@example.edu.cn',
    'glxy example.edu.cn',
    'mailto:glxy@example.edu.cn',
    'ftp://x.example',
    'https://',
    'https:// x',
  ])('%s is not a contact', (value) => {
    fails(() => contact('contacts[2]', value), 'contacts[2]: must be an e-mail address or an http(s) URL');
  });
});
