/** The import's checkpoint ranges: what is marked answered is exactly what was added. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addLines, countLines, inRanges, removeLines } from '../../tools/import/checkpoint.js';
import { duration, progressLine } from '../../tools/import/progress.js';

describe('checkpoint line ranges', () => {
  it('hold exactly the lines added and not removed, merged and sorted', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 40 }), { maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 40 }), (batches, removed) => {
        let ranges = addLines([], []);
        for (const batch of batches) ranges = addLines(ranges, batch);
        ranges = removeLines(ranges, removed);
        const expected = new Set(batches.flat().filter((l) => !removed.includes(l)));
        for (let line = 0; line <= 301; line++) expect(inRanges(ranges, line)).toBe(expected.has(line));
        expect(countLines(ranges)).toBe(expected.size);
        for (let i = 1; i < ranges.length; i++) expect((ranges[i]?.[0] ?? 0) > (ranges[i - 1]?.[1] ?? 0) + 1).toBe(true);
      }),
    );
  });
});

describe('progress line', () => {
  it('shows events, cases, rate and the time left', () => {
    const line = progressLine({ events: 5_000, totalEvents: 20_000, cases: 400, totalCases: 1_750, rate: 250 }, false);
    expect(line).toBe('进度 progress  25%  事件 events 5,000/20,000 · 案件 cases 400/1,750 · 250 事件/秒 events/s · 剩余 ETA 1:00');
    expect(duration(3_725)).toBe('1:02:05');
    expect(progressLine({ events: 0, totalEvents: 10, cases: 0, totalCases: 1, rate: 0 }, true)).toMatch(/^\[\.{24}\]\s+0% .* 剩余 ETA --:--$/);
  });
});
