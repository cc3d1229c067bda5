import { fieldOfHeader } from './columns.js';
import { decodeCsv, parseCsv } from './csv.js';
import { parseDeadline } from './dates.js';
import { metricKeyFor, parseTargets } from './targets.js';

const SH = 'Asia/Shanghai';

describe('CSV', () => {
  it('decodes UTF-8 with and without BOM, GB18030 and UTF-16 with BOM', () => {
    const text = '任务,项目\n培训,援藏\n';
    expect(decodeCsv(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({
      text,
      encoding: 'utf-8-bom',
    });
    // 任务 in GB18030 (= GBK here): C8 CE CE F1
    const gb = Buffer.from([0xc8, 0xce, 0xce, 0xf1, 0x2c, 0x41]);
    expect(decodeCsv(gb)).toEqual({ text: '任务,A', encoding: 'gb18030' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('任务\t项目', 'utf16le')]);
    expect(decodeCsv(utf16)).toEqual({ text: '任务\t项目', encoding: 'utf-16le' });
  });

  it('parses quotes, doubled quotes, line breaks in cells, CRLF, tabs and semicolons, skipping blank lines', () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n\r\n"multi\nline",x,\n')).toEqual([
      { line: 1, cells: ['a', 'b, c', 'say "hi"'] },
      { line: 3, cells: ['multi\nline', 'x', ''] },
    ]);
    expect(parseCsv('a\tb\n1\t2').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a;b;c\n1;2;3').map((r) => r.cells)[1]).toEqual(['1', '2', '3']);
  });
});

describe('headers', () => {
  it.each([
    ['任务', 'title'],
    ['任务 title', 'title'],
    ['截止日期(deadline)', 'deadline'],
    ['截止日期（deadline）', 'deadline'],
    ['Programme', 'programme'],
    ['责任单位*', 'unit'],
    ['任务ID', 'taskId'],
    ['Task ID', 'taskId'],
    ['指标 targets', 'targets'],
    ['序号', null],
    ['完成时间', null],
  ])('%s → %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });
});

describe('deadlines', () => {
  it.each([
    ['2023-06-30', '2023-06-30T16:00:00.000Z'],
    ['2023/6/30', '2023-06-30T16:00:00.000Z'],
    ['2023.6.30', '2023-06-30T16:00:00.000Z'],
    ['2023年6月30日', '2023-06-30T16:00:00.000Z'],
    ['２０２３－０６－３０', '2023-06-30T16:00:00.000Z'],
    ['2023-12-31', '2023-12-31T16:00:00.000Z'],
    ['2023-06-30 17:30', '2023-06-30T09:30:00.000Z'],
    ['2023-06-30T17:30:00+08:00', '2023-06-30T09:30:00.000Z'],
    ['2023-06-30T09:30:00Z', '2023-06-30T09:30:00.000Z'],
  ])('%s is due at %s', (text, instant) => {
    expect(parseDeadline(text, SH)).toEqual({ ok: true, deadline: instant });
  });

  it('takes Excel date cells and serial numbers as the day typed', () => {
    expect(parseDeadline(new Date(Date.UTC(2023, 5, 30)), SH)).toEqual({
      ok: true,
      deadline: '2023-06-30T16:00:00.000Z',
    });
    expect(parseDeadline(45107, SH)).toEqual({ ok: true, deadline: '2023-06-30T16:00:00.000Z' });
  });

  it.each([
    ['2023-13-01', '"2023-13-01" is not a date'],
    ['2023-02-29', '"2023-02-29" is not a date'],
    ['2023-06-30 25:00', '"2023-06-30 25:00" is not a date'],
    ['下周五', '"下周五" is not a date (write 2023-06-30)'],
    ['1999-12-31', '"1999-12-31": must be in the years 2000 to 2100'],
    ['', 'is required'],
    [12, '12 is not a date'],
  ])('%s: %s', (value, reason) => {
    expect(parseDeadline(value, SH)).toEqual({ ok: false, reason });
  });
});

describe('targets', () => {
  it('parses labels, numbers and units, with the keys the 2023 report uses', () => {
    expect(parseTargets('培训人数=92人; 满意度=95%')).toEqual({
      ok: true,
      targets: [
        { key: 'trainees', label: '培训人数', target: 92, unit: '人' },
        { key: 'satisfaction', label: '满意度', target: 95, unit: '%' },
      ],
    });
    expect(parseTargets('捐赠价值＝2500万元；协议=1,000份')).toEqual({
      ok: true,
      targets: [
        { key: 'value', label: '捐赠价值', target: 25_000_000, unit: '元' },
        { key: expect.stringMatching(/^m_[0-9a-f]{8}$/), label: '协议', target: 1000, unit: '份' },
      ],
    });
    expect(parseTargets('培训人数[people]=92人\nhours=12.5')).toEqual({
      ok: true,
      targets: [
        { key: 'people', label: '培训人数', target: 92, unit: '人' },
        { key: 'hours', label: 'hours', target: 12.5, unit: null },
      ],
    });
  });

  it('derives the same key for the same label every time', () => {
    expect(metricKeyFor('签约项目')).toBe(metricKeyFor('签约项目'));
    expect(metricKeyFor('签约项目')).not.toBe(metricKeyFor('签约金额'));
    expect(metricKeyFor('Trainees (people)')).toBe('trainees_people');
  });

  it('says what is wrong', () => {
    expect(parseTargets('培训人数=一百人')).toEqual({
      ok: false,
      reason: '"培训人数=一百人" is not label=number (e.g. 培训人数=92人)',
    });
    expect(parseTargets('人数=1; 人数=2')).toEqual({
      ok: false,
      reason: expect.stringMatching(/^"人数" appears twice/),
    });
  });
});
