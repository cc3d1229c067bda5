import { formatInstant, fromLocalInput, toLocalInput, zoneOffsetMs } from './time';

describe('instants shown and typed in a time zone', () => {
  it('shows an instant as Beijing wall-clock time', () => {
    expect(formatInstant('2023-06-30T16:00:00Z', 'Asia/Shanghai')).toBe('2023-07-01 00:00');
  });

  it('reads a datetime-local value typed in Beijing as the instant eight hours earlier in UTC', () => {
    expect(fromLocalInput('2027-03-01T17:00', 'Asia/Shanghai')).toBe('2027-03-01T09:00:00.000Z');
  });

  it('round-trips through a zone with daylight saving time, on both sides of the change', () => {
    for (const iso of ['2024-03-30T12:00:00.000Z', '2024-04-01T12:00:00.000Z', '2024-10-28T12:00:00.000Z']) {
      expect(fromLocalInput(toLocalInput(iso, 'Europe/Berlin'), 'Europe/Berlin')).toBe(iso);
    }
  });

  it('knows the offset of Asia/Shanghai is eight hours all year', () => {
    expect(zoneOffsetMs(Date.parse('2023-01-15T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * 3_600_000);
    expect(zoneOffsetMs(Date.parse('2023-07-15T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * 3_600_000);
  });

  it('refuses what is not a datetime-local value', () => {
    expect(fromLocalInput('30/06/2023 16:00', 'Asia/Shanghai')).toBeNull();
    expect(toLocalInput(null, 'Asia/Shanghai')).toBe('');
    expect(formatInstant(undefined, 'Asia/Shanghai')).toBe('—');
  });
});
