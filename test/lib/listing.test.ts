/**
 * The listing counts overdue nodes as the case view does (lib/listing.ts): for any case
 * history and any moment, the same number — and its key orders cases by earliest open due.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overdueNodes } from '../../lib/escalation.js';
import { caseNoOfListingKey, dueBetween, earliestDue, listingKey, openDues, overdueAt, padInstant } from '../../lib/listing.js';
import { caseHistory, timeBetween } from './arbitraries.js';
import { CASE_NO, fold } from './fixtures.js';

describe('open due times (the listing) and overdue nodes (the case view)', () => {
  it('count the same overdue nodes for any history, at any moment', () => {
    fc.assert(
      fc.property(caseHistory(), timeBetween(-30, 400), (events, now) => {
        const state = fold(events);
        fc.pre(state !== undefined);
        const dues = openDues(state);
        expect(overdueAt(dues, now)).toBe(overdueNodes(state, now).length);
        // Per acting team too, summing to the whole.
        const byTeam = Object.keys(dues).reduce((sum, team) => sum + overdueAt(dues, now, team as never), 0);
        expect(byTeam).toBe(overdueAt(dues, now));
      }),
      { numRuns: 200 },
    );
  });

  it('key a case by its earliest open due time, so that "overdue at t" is the key range below t', () => {
    fc.assert(
      fc.property(caseHistory(), timeBetween(-30, 400), (events, now) => {
        const state = fold(events);
        fc.pre(state !== undefined);
        const dues = openDues(state);
        const key = listingKey(dues, CASE_NO);
        expect(caseNoOfListingKey(key)).toBe(CASE_NO);
        expect(key < padInstant(now)).toBe(overdueAt(dues, now) > 0);
        const first = earliestDue(dues);
        if (first !== undefined) expect(dueBetween(dues, first, first + 1)).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('sorts a case with nothing open after every case with something open', () => {
    expect(listingKey({}, CASE_NO) > listingKey({ simple: [Date.parse('2999-01-01T00:00:00Z')] }, CASE_NO)).toBe(true);
    expect(caseNoOfListingKey('~#(2026)X')).toBe('(2026)X');
    expect(caseNoOfListingKey('12#x')).toBeUndefined();
  });
});
