/**
 * Request signatures (docs/API.md "签名 v2"): `v2=<hex HMAC-SHA256(secret,
 * "<ts>\n<METHOD>\n<target>\n" + raw body bytes)>`, within 300 s; `v1` only where allowed.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuthenticationError } from '../../lib/errors.js';
import {
  authenticate,
  canonicalTarget,
  checkPublicAccessCode,
  parseTarget,
  publicAccessCode,
  type SignedRequest,
  signedHeaders,
  signV1,
  signV2,
} from '../../lib/signature.js';
import { CASE_NO, court } from './fixtures.js';

const SECRET = 'wuzhi-shared-secret-for-tests';
const secrets: Record<string, string> = { [court]: SECRET, xinxiang: 'another-secret-of-16+' };
const secretOf = (id: string) => Promise.resolve(secrets[id]);

const NOW_SECONDS = 1_772_416_800; // 2026-03-02T10:00:00+08:00
const now = NOW_SECONDS * 1000;
const body = JSON.stringify({ eventId: 'e1', type: 'query.online.started', caseNo: CASE_NO, occurredAt: '2026-03-02T10:00:00+08:00' });
const TARGET = '/v1/events';

function signed(changes: Partial<SignedRequest> = {}, secret = SECRET): SignedRequest {
  const timestamp = changes.timestamp ?? String(NOW_SECONDS);
  const method = changes.method ?? 'POST';
  const target = changes.target ?? TARGET;
  const b = changes.body ?? body;
  return { courtId: court, timestamp, method, target, body: b, signature: signV2(secret, timestamp, method, target, b), ...changes };
}

async function refusal(request: SignedRequest, at = now, acceptV1 = false): Promise<AuthenticationError> {
  try {
    await authenticate(request, secretOf, at, { acceptV1 });
  } catch (error) {
    expect(error).toBeInstanceOf(AuthenticationError);
    return error as AuthenticationError;
  }
  throw new Error('expected an AuthenticationError');
}

describe('the canonical request', () => {
  it('v2 is the hex HMAC-SHA256 of "<timestamp>\\n<METHOD>\\n<target>\\n<raw body>"', () => {
    const expected = createHmac('sha256', SECRET).update(`${NOW_SECONDS}\nPOST\n${TARGET}\n${body}`).digest('hex');
    expect(signV2(SECRET, String(NOW_SECONDS), 'post', TARGET, body)).toBe(`v2=${expected}`);
  });

  it('v1 is the hex HMAC-SHA256 of "<timestamp>.<raw body>"', () => {
    const expected = createHmac('sha256', SECRET).update(`${NOW_SECONDS}.${body}`).digest('hex');
    expect(signV1(SECRET, String(NOW_SECONDS), body)).toBe(`v1=${expected}`);
  });

  it('covers bytes, not decoded text: a body that is not UTF-8 signs as its bytes', () => {
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const expected = createHmac('sha256', SECRET).update(Buffer.concat([Buffer.from(`${NOW_SECONDS}\nPOST\n${TARGET}\n`), bytes])).digest('hex');
    expect(signV2(SECRET, String(NOW_SECONDS), 'POST', TARGET, bytes)).toBe(`v2=${expected}`);
    expect(signV2(SECRET, String(NOW_SECONDS), 'POST', TARGET, bytes.toString('utf8'))).not.toBe(`v2=${expected}`);
  });

  it('decodes the path once and form-decodes and sorts the query', () => {
    const { path, query } = parseTarget('/v1/cases/(2026)%2541%E8%B1%AB?team=simple+team&overdue=true&a=2&a=1&b=%2B');
    expect(path).toBe('/v1/cases/(2026)%41豫');
    expect(canonicalTarget(path, query)).toBe('/v1/cases/(2026)%41豫?a=1&a=2&b=+&overdue=true&team=simple team');
    expect(canonicalTarget('/v1/cases', [])).toBe('/v1/cases');
  });

  it('sorts in UTF-16 code-unit order (an astral character sorts before U+FFFD)', () => {
    expect(canonicalTarget('/x', [['\uFFFD', '1'], ['\u{1F600}', '2']])).toBe('/x?\u{1F600}=2&\uFFFD=1');
  });

  it('refuses a path that is not percent-encoded UTF-8', () => {
    expect(() => parseTarget('/v1/cases/%E8%B1')).toThrow(URIError);
    expect(() => parseTarget('/v1/cases/%ZZ')).toThrow(URIError);
  });
});

describe('authenticate', () => {
  it('a correctly signed request proves its court', async () => {
    await expect(authenticate(signed(), secretOf, now)).resolves.toBe(court);
  });

  it('a GET signs the empty body', async () => {
    await expect(authenticate(signed({ method: 'GET', target: '/v1/cases', body: '' }), secretOf, now)).resolves.toBe(court);
  });

  it.each([0, 300, -300])('accepts a timestamp %i s from the server clock', async (skew) => {
    await expect(authenticate(signed({ timestamp: String(NOW_SECONDS + skew) }), secretOf, now)).resolves.toBe(court);
  });

  it.each([301, -301, 86_400])('refuses a timestamp %i s from the server clock', async (skew) => {
    const error = await refusal(signed({ timestamp: String(NOW_SECONDS + skew) }));
    expect(error.message).toContain('300');
  });

  it('refuses the wrong secret, a changed body, another method, path or query', async () => {
    expect((await refusal(signed({}, 'guessed-secret'))).message).toContain('signature does not match');
    const request = signed();
    await refusal({ ...request, body: body.replace('e1', 'e2') });
    await refusal({ ...request, method: 'PUT' });
    await refusal({ ...request, target: '/v1/events?x=1' });
    const get = signed({ method: 'GET', target: '/v1/cases/A', body: '' });
    await refusal({ ...get, target: '/v1/cases/B' });
    await refusal({ ...get, target: '/v1/cases/A?overdue=true' });
  });

  it('refuses another court\'s valid signature presented under this court\'s id, and an unknown court alike', async () => {
    await refusal(signed({ courtId: court }, secrets.xinxiang));
    expect((await refusal(signed({ courtId: 'nowhere' }, 'unknown-court'))).message).toContain('signature does not match');
  });

  it('takes v1 only where the caller allows it', async () => {
    const v1 = { ...signed(), signature: signV1(SECRET, String(NOW_SECONDS), body) };
    await expect(authenticate(v1, secretOf, now, { acceptV1: true })).resolves.toBe(court);
    expect((await refusal(v1)).message).toContain('v2');
    await refusal({ ...v1, body: `${body} ` }, now, true);
  });

  it.each([
    { what: 'no court id', changes: { courtId: undefined } },
    { what: 'no timestamp', changes: { timestamp: undefined, signature: 'v2=00' } },
    { what: 'no signature', changes: { signature: undefined } },
    { what: 'an empty signature', changes: { signature: '' } },
  ])('refuses a request with $what', async ({ changes }) => {
    const request = { ...signed(), ...changes };
    expect((await refusal(request)).message).toContain('X-Court-Id, X-Timestamp and X-Signature are required');
  });

  it.each([
    { what: 'a court id with capitals', changes: { courtId: 'WuZhi' }, message: 'X-Court-Id is not a court id' },
    { what: 'a court id with a slash', changes: { courtId: 'wuzhi/../admin' }, message: 'X-Court-Id is not a court id' },
    { what: 'a timestamp in milliseconds', changes: { timestamp: String(now) }, message: 'X-Timestamp must be unix seconds' },
    { what: 'a timestamp that is not a number', changes: { timestamp: '2026-03-02T10:00:00Z' }, message: 'X-Timestamp must be unix seconds' },
  ])('refuses $what: "$message"', async ({ changes, message }) => {
    expect((await refusal(signed(changes))).message).toContain(message);
  });

  it.each([
    { what: 'no v2= prefix', signature: (s: string) => s.slice(3) },
    { what: 'upper-case hex', signature: (s: string) => `v2=${s.slice(3).toUpperCase()}` },
    { what: 'a truncated signature', signature: (s: string) => s.slice(0, -2) },
    { what: 'the v2 hex under v1=', signature: (s: string) => `v1=${s.slice(3)}` },
  ])('refuses a malformed signature header: $what', async ({ signature }) => {
    const request = signed();
    await refusal({ ...request, signature: signature(request.signature ?? '') }, now, true);
  });
});

describe('properties (fast-check)', () => {
  const segment = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => !s.includes('/'));
  const param = fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 6 }));
  const request = fc.record({ segments: fc.array(segment, { minLength: 1, maxLength: 3 }), query: fc.array(param, { maxLength: 4 }) });
  /** How a client might write the target: fully encoded, or with `+` for spaces in the query. */
  const encode = (r: { segments: string[]; query: [string, string][] }, plus: boolean) => {
    const q = r.query.map(([k, v]) => [k, v].map((s) => (plus ? encodeURIComponent(s).replaceAll('%20', '+') : encodeURIComponent(s))).join('=')).join('&');
    return `/${r.segments.map(encodeURIComponent).join('/')}${q ? `?${q}` : ''}`;
  };
  const serverTarget = (raw: string) => {
    const { path, query } = parseTarget(raw);
    return canonicalTarget(path, query);
  };

  it('a signature made by signedHeaders verifies at the server, whatever the query order and space spelling', async () => {
    await fc.assert(
      fc.asyncProperty(request, fc.boolean(), fc.boolean(), async (r, plus, reverse) => {
        const target = encode(r, plus);
        const headers = signedHeaders({ court, secret: SECRET, method: 'GET', target, now });
        const sent = encode({ ...r, query: reverse ? [...r.query].reverse() : r.query }, !plus);
        const verified = await authenticate(
          { courtId: headers['x-court-id'], timestamp: headers['x-timestamp'], signature: headers['x-signature'], method: 'GET', target: serverTarget(sent), body: '' },
          secretOf,
          now,
        );
        expect(verified).toBe(court);
      }),
      { numRuns: 200 },
    );
  });

  it('a captured signature replayed on another path or query is always refused', async () => {
    await fc.assert(
      fc.asyncProperty(request, request, async (a, b) => {
        const [ta, tb] = [serverTarget(encode(a, false)), serverTarget(encode(b, false))];
        fc.pre(ta !== tb);
        const headers = signedHeaders({ court, secret: SECRET, method: 'GET', target: encode(a, false), now });
        const replay = { courtId: court, timestamp: headers['x-timestamp'], signature: headers['x-signature'], method: 'GET', target: tb, body: '' };
        await expect(authenticate(replay, secretOf, now)).rejects.toBeInstanceOf(AuthenticationError);
      }),
      { numRuns: 200 },
    );
  });

  it('any change to the body bytes is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(), fc.integer({ min: 1, max: 255 }), async (bytes, at, flip) => {
        const good = signed({ body: bytes });
        await expect(authenticate(good, secretOf, now)).resolves.toBe(court);
        const changed = Uint8Array.from(bytes);
        changed[at % changed.length] = (changed[at % changed.length] ?? 0) ^ flip;
        await expect(authenticate({ ...good, body: changed }, secretOf, now)).rejects.toBeInstanceOf(AuthenticationError);
      }),
      { numRuns: 200 },
    );
  });
});

describe('public access code for the parties\' timeline (第四章二 "必须第一时间向执行当事人公开")', () => {
  it('the code for a case is accepted; another case\'s code, another secret\'s code, or a changed code is not', () => {
    const code = publicAccessCode(SECRET, CASE_NO);
    expect(code).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(checkPublicAccessCode(SECRET, CASE_NO, code)).toBe(true);
    expect(checkPublicAccessCode(SECRET, '(2026)豫0823执1235号', code)).toBe(false);
    expect(checkPublicAccessCode(secrets.xinxiang ?? '', CASE_NO, code)).toBe(false);
    expect(checkPublicAccessCode(SECRET, CASE_NO, `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    expect(checkPublicAccessCode(SECRET, CASE_NO, code.slice(0, -1))).toBe(false);
    expect(checkPublicAccessCode(SECRET, CASE_NO, '')).toBe(false);
  });

  it('is stable and differs between cases', () => {
    expect(publicAccessCode(SECRET, CASE_NO)).toBe(publicAccessCode(SECRET, CASE_NO));
    expect(publicAccessCode(SECRET, CASE_NO)).not.toBe(publicAccessCode(SECRET, '(2026)豫0823执1235号'));
  });
});
