/**
 * China legal time (UTC+8, no daylight saving): days as seen in China, month arithmetic
 * of Civil Code Art. 202, and the short Chinese durations the notices use.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  chinaDateOf,
  chineseDueTime,
  chineseDuration,
  chineseMoment,
  englishMoment,
  civilParts,
  endOfChinaDay,
  isCivilDate,
  parseOffsetDateTime,
  startOfChinaDay,
  toChinaIso,
} from '../../lib/time.js';

describe('China days', () => {
  it('16:00Z is midnight in China: the day changes there', () => {
    expect(chinaDateOf(Date.parse('2026-03-02T15:59:59.999Z'))).toBe('2026-03-02');
    expect(chinaDateOf(Date.parse('2026-03-02T16:00:00Z'))).toBe('2026-03-03');
    expect(startOfChinaDay('2026-03-03')).toBe(Date.parse('2026-03-02T16:00:00Z'));
    expect(endOfChinaDay('2026-03-02')).toBe(Date.parse('2026-03-02T16:00:00Z'));
  });

  it('toChinaIso writes +08:00 and round-trips through parseOffsetDateTime', () => {
    expect(toChinaIso(Date.parse('2026-12-04T02:00:00Z'))).toBe('2026-12-04T10:00:00+08:00');
    expect(toChinaIso(Date.parse('2026-12-04T02:00:00.250Z'))).toBe('2026-12-04T10:00:00.250+08:00');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
        expect(parseOffsetDateTime(toChinaIso(t))).toBe(t);
      }),
      { numRuns: 300 },
    );
  });

  it('civil dates must exist', () => {
    expect(isCivilDate('2024-02-29')).toBe(true);
    expect(isCivilDate('2026-02-29')).toBe(false);
    expect(isCivilDate('2026-3-1')).toBe(false);
    expect(() => civilParts('2026-13-01')).toThrow('"2026-13-01" is not a calendar date');
  });
});

describe('parseOffsetDateTime: an offset is required, never guessed', () => {
  it.each([
    ['2026-03-02T10:00:00+08:00', '2026-03-02T02:00:00.000Z'],
    ['2026-03-02T10:00+08:00', '2026-03-02T02:00:00.000Z'],
    ['2026-03-02T02:00:00Z', '2026-03-02T02:00:00.000Z'],
    ['2026-03-01T21:00:00-05:00', '2026-03-02T02:00:00.000Z'],
    ['2026-03-02T10:00:00.5+08:00', '2026-03-02T02:00:00.500Z'],
    ['2026-03-02T10:00:00.123456789+08:00', '2026-03-02T02:00:00.123Z'],
  ])('%s is %s', (text, utc) => {
    expect(new Date(parseOffsetDateTime(text) ?? Number.NaN).toISOString()).toBe(utc);
  });

  it.each(['2026-03-02T10:00:00', '2026-03-02', '2026-02-29T10:00:00Z', '2026-03-02T10:60:00Z', '2026-03-02T10:00:00+15:00', ' 2026-03-02T10:00:00Z'])(
    'refuses %s',
    (text) => {
      expect(parseOffsetDateTime(text)).toBeUndefined();
    },
  );
});

describe('addMonths: the corresponding day, or the last day of a shorter month (Civil Code Art. 202)', () => {
  it.each([
    ['2014-05-28', 3, '2014-08-28'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-11-15', 3, '2027-02-15'],
  ] as const)('%s + %i months = %s', (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });
});

describe('durations and short times in Chinese', () => {
  it.each([
    [0, '0分钟'],
    [59_999, '0分钟'],
    [45 * 60_000, '45分钟'],
    [2 * 3_600_000, '2小时'],
    [(2 * 60 + 30) * 60_000, '2小时30分钟'],
    [3 * 86_400_000, '3天'],
    [(2 * 24 + 3) * 3_600_000 + 59 * 60_000, '2天3小时'],
    [-5000, '0分钟'],
  ])('%i ms → %s', (ms, text) => {
    expect(chineseDuration(ms)).toBe(text);
  });

  it('a period that ends at midnight is written 24时 of its last day, never 00:00 of the next', () => {
    const end = Date.parse('2026-03-04T16:00:00Z'); // 24:00 of 2026-03-04 in China
    expect(chineseDueTime(end, Date.parse('2026-03-05T01:00:00Z'))).toBe('3月4日24时');
    expect(chineseMoment(end)).toBe('2026年3月4日24时');
    expect(englishMoment(end)).toBe('24:00 on 2026-03-04');
  });

  it('other due times by the hour, with minutes when they have them; the year when it is not the notice\'s', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    expect(chineseDueTime(Date.parse('2026-10-02T03:00:00Z'), now)).toBe('10月2日11时');
    expect(chineseDueTime(Date.parse('2026-10-02T02:25:00Z'), now)).toBe('10月2日10时25分');
    expect(chineseDueTime(Date.parse('2027-01-04T16:00:00Z'), now)).toBe('2027年1月4日24时');
    expect(chineseDueTime(Date.parse('2025-12-31T16:00:00Z'), now)).toBe('2025年12月31日24时');
    expect(chineseMoment(Date.parse('2026-10-02T02:25:00Z'))).toBe('2026年10月2日10:25');
  });
});
