/**
 * When the morning digest goes out (README "The morning digest and 通报"): `DigestSchedule` (default
 * `cron(0 0 ? * MON-FRI *)`, 08:00 China time on weekdays), plus the 调休 working days of
 * the 2026 arrangement (Sunday 4 January, Saturday 14 and 28 February, Saturday 9 May,
 * Sunday 20 September, Saturday 10 October).
 */
import { describe, expect, it } from 'vitest';
import { createLegalCalendar } from '../../lib/calendar.js';
import { DEFAULT_DIGEST_SCHEDULE, digestAfter, digestAtOrBefore, type DigestSchedule, isDigestMoment, parseDigestSchedule } from '../../lib/digest-schedule.js';
import { toChinaIso } from '../../lib/time.js';

const calendar = createLegalCalendar();
const schedule = parseDigestSchedule(DEFAULT_DIGEST_SCHEDULE).value as DigestSchedule;
const at = (china: string) => Date.parse(`${china}+08:00`);

describe('digest moments under the default schedule', () => {
  it.each([
    ['2026-11-30T08:00:00', true], // Monday
    ['2026-11-27T08:00:00', true], // Friday
    ['2026-11-28T08:00:00', false], // Saturday
    ['2026-11-29T08:00:00', false], // Sunday
    ['2026-11-30T08:01:00', false], // not the schedule's minute
    ['2026-02-14T08:00:00', true], // Saturday worked before 春节 (调休)
    ['2026-02-28T08:00:00', true], // Saturday worked after 春节
    ['2026-09-20T08:00:00', true], // Sunday worked before 国庆
    ['2026-10-10T08:00:00', true], // Saturday worked after 国庆
    ['2026-02-21T08:00:00', false], // Saturday inside 春节
    ['2026-10-01T08:00:00', true], // Thursday, 国庆: the schedule says weekdays, and a holiday weekday is one
  ])('%s → %s', (time, expected) => {
    expect(isDigestMoment(schedule, calendar, at(time))).toBe(expected);
  });

  it('the digest before and after a moment: Friday → Monday; a 调休 Saturday in between', () => {
    const after = (t: string) => toChinaIso(digestAfter(schedule, calendar, at(t)) ?? 0);
    const before = (t: string) => toChinaIso(digestAtOrBefore(schedule, calendar, at(t)) ?? 0);
    expect(after('2026-11-27T08:00:00')).toBe('2026-11-30T08:00:00+08:00');
    expect(before('2026-11-29T12:00:00')).toBe('2026-11-27T08:00:00+08:00');
    expect(before('2026-11-30T08:00:00')).toBe('2026-11-30T08:00:00+08:00'); // at or before: the moment itself
    expect(after('2026-02-13T08:00:00')).toBe('2026-02-14T08:00:00+08:00');
    expect(after('2026-02-14T08:00:00')).toBe('2026-02-16T08:00:00+08:00');
    expect(before('2026-09-20T07:59:00')).toBe('2026-09-18T08:00:00+08:00');
  });

  it('a schedule in the evening UTC is the next China morning, and its 调休 days are China\'s', () => {
    const evening = parseDigestSchedule('cron(30 23 ? * SUN-THU *)').value as DigestSchedule; // 07:30 China, Monday to Friday
    expect(isDigestMoment(evening, calendar, at('2026-11-30T07:30:00'))).toBe(true); // Monday (Sunday 23:30 UTC)
    expect(isDigestMoment(evening, calendar, at('2026-11-28T07:30:00'))).toBe(false);
    expect(isDigestMoment(evening, calendar, at('2026-02-14T07:30:00'))).toBe(true); // 调休 Saturday in China
  });
});

describe('DigestSchedule', () => {
  it.each(['cron(0 0 ? * MON-FRI *)', 'cron(30 0 ? * 2-6 *)', 'cron(0 1 1,15 * ? *)', 'cron(0 0 ? JAN-JUN MON,WED,FRI 2026-2030)', 'cron(0 0 */2 * ? *)'])('accepts %s', (text) => {
    expect(parseDigestSchedule(text).problems).toEqual([]);
  });

  it.each(['rate(1 day)', 'cron(0/15 0 ? * MON-FRI *)', 'cron(0 0 * * MON-FRI *)', 'cron(0 0 L * ? *)', 'cron(0 0 ? * MON#1 *)', 'cron(0 24 ? * MON-FRI *)', 'cron(0 0 ? * XYZ *)'])('refuses %s, naming the setting', (text) => {
    expect(parseDigestSchedule(text).problems[0]).toMatch(/^DigestSchedule: ".*" (is not a daily cron|gives both a day of month and a day of week)/);
  });
});
