/**
 * When people are told (README "Escalation"): `deliverAt` under the default quiet hours
 * (22:00-08:00) and rest-day holds (remind, urge), each row worked out by hand from the
 * 2026 State Council arrangement (春节 15-23 Feb with 14 Feb and 28 Feb worked; 国庆
 * 1-7 Oct with 20 Sep and 10 Oct worked).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLegalCalendar } from '../../lib/calendar.js';
import {
  deliverAt,
  type DeliveryPolicy,
  deliveryPolicyOf,
  formatQuietHours,
  inQuietWindow,
  parseHoldLevels,
  parseQuietHours,
} from '../../lib/delivery.js';
import { LEVELS, type Level } from '../../lib/levels.js';
import { DEFAULT_LIMITS } from '../../lib/limits.js';
import { chinaDateOf, toChinaIso } from '../../lib/time.js';

const calendar = createLegalCalendar();
const policy = deliveryPolicyOf(DEFAULT_LIMITS);
const at = (text: string) => Date.parse(`${text}+08:00`);
const when = (decided: string, level: Level, p: DeliveryPolicy = policy) => toChinaIso(deliverAt(at(decided), level, p, calendar));

describe('deliverAt: default policy (quiet 22:00-08:00, remind and urge held on rest days)', () => {
  it.each([
    // decided (China time)    level         delivered                   why
    ['2026-12-01T10:00:00', 'remind', '2026-12-01T10:00:00+08:00'], // Tuesday, working hours: at once
    ['2026-12-01T00:05:00', 'urge', '2026-12-01T08:00:00+08:00'], // the midnight scan on a Tuesday: 08:00
    ['2026-12-01T07:59:59', 'urge', '2026-12-01T08:00:00+08:00'], // still inside [22:00, 08:00)
    ['2026-12-01T08:00:00', 'urge', '2026-12-01T08:00:00+08:00'], // 08:00 itself is outside
    ['2026-12-01T21:59:00', 'remind', '2026-12-01T21:59:00+08:00'], // before the window
    ['2026-12-01T22:00:00', 'remind', '2026-12-02T08:00:00+08:00'], // 22:00 is inside
    ['2026-12-04T23:00:00', 'remind', '2026-12-07T08:00:00+08:00'], // Friday 23:00 → Monday 08:00 (the contract's example)
    ['2026-12-05T00:05:00', 'remind', '2026-12-07T08:00:00+08:00'], // Saturday 00:05 → Monday 08:00
    ['2026-12-05T00:05:00', 'urge', '2026-12-07T08:00:00+08:00'],
    ['2026-12-05T14:00:00', 'urge', '2026-12-07T08:00:00+08:00'], // a Saturday afternoon is still a rest day
    ['2026-12-06T23:30:00', 'urge', '2026-12-07T08:00:00+08:00'], // Sunday night → Monday 08:00
    ['2026-12-05T00:05:00', 'supervise', '2026-12-05T08:00:00+08:00'], // 督办 is not held on rest days: quiet hours only
    ['2026-12-05T10:00:00', 'supervise', '2026-12-05T10:00:00+08:00'],
    ['2026-12-05T00:05:00', 'approvalPresident', '2026-12-05T08:00:00+08:00'],
    // 春节 2026: Friday 13 Feb 23:00 → Saturday 14 Feb is worked (调休) → 08:00 that Saturday.
    ['2026-02-13T23:00:00', 'remind', '2026-02-14T08:00:00+08:00'],
    ['2026-02-14T00:05:00', 'urge', '2026-02-14T08:00:00+08:00'],
    // Decided in the holiday (15-23 Feb) → Tuesday 24 Feb 08:00.
    ['2026-02-15T00:05:00', 'urge', '2026-02-24T08:00:00+08:00'],
    ['2026-02-20T11:00:00', 'remind', '2026-02-24T08:00:00+08:00'],
    ['2026-02-23T23:59:00', 'remind', '2026-02-24T08:00:00+08:00'],
    ['2026-02-17T00:05:00', 'supervise', '2026-02-17T08:00:00+08:00'], // 督办 in the holiday: 08:00 the same day
    // Sunday 20 Sep 2026 is worked (调休 before 国庆): Saturday's remind goes out that Sunday.
    ['2026-09-19T10:00:00', 'remind', '2026-09-20T08:00:00+08:00'],
    // 国庆 1-7 Oct: the midnight scan of 30 Sep → Thursday 8 Oct 08:00.
    ['2026-09-30T23:30:00', 'urge', '2026-10-08T08:00:00+08:00'],
    // Saturday 10 Oct is worked.
    ['2026-10-09T23:00:00', 'remind', '2026-10-10T08:00:00+08:00'],
  ] as const)('%s %s → %s', (decided, level, delivered) => {
    expect(when(decided, level)).toBe(delivered);
  });
});

describe('deliverAt: other policies', () => {
  const none: DeliveryPolicy = { holdOnRestDays: [] };
  const quietOnly: DeliveryPolicy = { quiet: { startMinute: 22 * 60, endMinute: 8 * 60 }, holdOnRestDays: [] };
  const holdOnly: DeliveryPolicy = { holdOnRestDays: ['remind'] };
  const noon: DeliveryPolicy = { quiet: { startMinute: 12 * 60, endMinute: 14 * 60 }, holdOnRestDays: ['urge'] };

  it('empty parameters: every notice goes out when decided', () => {
    expect(when('2026-12-05T00:05:00', 'remind', none)).toBe('2026-12-05T00:05:00+08:00');
  });

  it('quiet hours only: Saturday 00:05 → Saturday 08:00', () => {
    expect(when('2026-12-05T00:05:00', 'urge', quietOnly)).toBe('2026-12-05T08:00:00+08:00');
  });

  it('rest-day hold only: the first moment of the next working day, 00:00', () => {
    expect(when('2026-12-05T00:05:00', 'remind', holdOnly)).toBe('2026-12-07T00:00:00+08:00');
    expect(when('2026-12-05T00:05:00', 'urge', holdOnly)).toBe('2026-12-05T00:05:00+08:00');
  });

  it('a window within the day (12:00-14:00): its end, and the first moment outside it on the next working day', () => {
    expect(when('2026-12-01T13:00:00', 'remind', noon)).toBe('2026-12-01T14:00:00+08:00');
    expect(when('2026-12-01T14:00:00', 'remind', noon)).toBe('2026-12-01T14:00:00+08:00');
    expect(when('2026-12-05T13:00:00', 'urge', noon)).toBe('2026-12-07T00:00:00+08:00');
  });

  const policies = fc.constantFrom<DeliveryPolicy>(policy, quietOnly, holdOnly, noon, none);
  const moments = fc.integer({ min: at('2025-12-20T00:00:00'), max: at('2026-12-20T00:00:00') });
  const levels = fc.constantFrom(...LEVELS);

  it('property: the result is the first allowed moment — allowed itself, and nothing allowed before it', () => {
    fc.assert(
      fc.property(moments, levels, policies, fc.double({ min: 0, max: 1, noNaN: true }), (t, level, p, f) => {
        const out = deliverAt(t, level, p, calendar);
        const allowed = (x: number) =>
          !(p.quiet && inQuietWindow(p.quiet, x)) && !(p.holdOnRestDays.includes(level) && calendar.isRestDay(chinaDateOf(x)));
        expect(out).toBeGreaterThanOrEqual(t);
        expect(allowed(out)).toBe(true);
        // A moment in between (whole minutes: windows are minute-grained) is not allowed,
        // and waiting changes nothing: delivering from there gives the same moment.
        const between = t + Math.floor(((out - t) * f) / 60_000) * 60_000;
        if (between > t && between < out) expect(allowed(between)).toBe(false);
        if (between >= t) expect(deliverAt(between, level, p, calendar)).toBe(out);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('NoticeQuietHours and NoticeHoldOnRestDays', () => {
  it.each([
    ['22:00-08:00', 22 * 60, 8 * 60],
    [' 23:30-07:15 ', 23 * 60 + 30, 7 * 60 + 15],
    ['12:00-14:00', 12 * 60, 14 * 60],
  ])('%j is a window', (text, startMinute, endMinute) => {
    expect(parseQuietHours(text)).toEqual({ value: { startMinute, endMinute }, problems: [] });
    expect(formatQuietHours(parseQuietHours(text).value)).toBe(text.trim());
  });

  it('empty means none', () => {
    expect(parseQuietHours('')).toEqual({ value: null, problems: [] });
    expect(parseHoldLevels('')).toEqual({ value: [], problems: [] });
  });

  it.each(['24:00-08:00', '22-08', '22:00', '22:00-08:00-09:00', 'night'])('%j is refused, naming the setting and what is expected', (text) => {
    expect(parseQuietHours(text).problems).toEqual([
      `NoticeQuietHours: "${text}" is not a window; expected HH:MM-HH:MM in China time such as 22:00-08:00, or empty for none`,
    ]);
  });

  it('a window that starts where it ends is refused', () => {
    expect(parseQuietHours('08:00-08:00').problems[0]).toMatch(/^NoticeQuietHours: "08:00-08:00" starts where it ends/);
  });

  it('levels separated by commas, each once; an unknown level is refused', () => {
    expect(parseHoldLevels('remind, urge,remind').value).toEqual(['remind', 'urge']);
    expect(parseHoldLevels('remind,later').problems).toEqual([
      'NoticeHoldOnRestDays: "later" is not a level; expected levels of remind, urge, supervise, approvalSupervisor, approvalPresident separated by commas, or empty for none',
    ]);
  });
});
