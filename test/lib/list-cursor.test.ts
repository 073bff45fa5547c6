/**
 * Listing cursors (lib/list-cursor.ts, docs/API.md "案件列表"): what a court was given
 * comes back as the same position; anything else — arbitrary text, a forged payload, one
 * changed character, another court's or another filter's cursor — is refused (undefined,
 * which the read turns into 400), and decoding never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_TEAMS } from '../../lib/limits.js';
import { type CursorScope, decodeListCursor, encodeListCursor } from '../../lib/list-cursor.js';
import { listingKey } from '../../lib/listing.js';

const SECRET = 'wuzhi-secret-0123456789abcdef';
const OTHER = 'qinyang-secret-0123456789abcdef';
const caseNo = fc.integer({ min: 1, max: 99_999 }).map((n) => `(2026)豫0823执${n}号`);
const position = fc.tuple(fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: undefined }), caseNo).map(([due, c]) => ({
  key: listingKey(due === undefined ? {} : { simple: [due] }, c),
}));
const scope: fc.Arbitrary<CursorScope> = fc.record(
  { team: fc.constantFrom(...CASE_TEAMS), overdue: fc.boolean() },
  { requiredKeys: [] },
);
const B64URL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];

describe('listing cursors', () => {
  it('round-trip: the position a court was given is the position it gets back, for the same filters', () => {
    fc.assert(
      fc.property(position, scope, (p, s) => {
        expect(decodeListCursor(SECRET, encodeListCursor(SECRET, p, s), s)).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });

  it('refuse, never throw: arbitrary text, forged payloads, another court, other filters, one character changed', () => {
    const forgedPayload = fc
      .oneof(fc.jsonValue(), fc.record({ k: fc.string(), s: fc.string() }), fc.constant({ i: 0, k: { pk: 'x' } }))
      .map((v) => Buffer.from(JSON.stringify(v)).toString('base64url'));
    fc.assert(
      fc.property(
        position,
        scope,
        scope,
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), forgedPayload, forgedPayload.map((p) => `${p}.${'A'.repeat(22)}`)),
        fc.nat(),
        fc.constantFrom(...B64URL),
        (p, s, other, junk, at, ch) => {
          const real = encodeListCursor(SECRET, p, s);
          expect(decodeListCursor(SECRET, junk, s)).toBeUndefined();
          expect(decodeListCursor(OTHER, real, s)).toBeUndefined();
          if (other.team !== s.team || other.overdue !== s.overdue) {
            expect(decodeListCursor(SECRET, real, other)).toBeUndefined();
          }
          const i = at % real.length;
          const changed = `${real.slice(0, i)}${ch}${real.slice(i + 1)}`;
          if (changed !== real) expect(decodeListCursor(SECRET, changed, s)).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
  });
});
