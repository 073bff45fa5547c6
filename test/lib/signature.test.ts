/**
 * Request signatures (CONTRACT §1 "Authentication"):
 * `X-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`, within 300 s.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuthenticationError } from '../../lib/errors.js';
import { authenticate, checkPublicAccessCode, publicAccessCode, sign, type SignedRequest } from '../../lib/signature.js';
import { CASE_NO, court } from './fixtures.js';

const SECRET = 'wuzhi-shared-secret-for-tests';
const secrets: Record<string, string> = { [court]: SECRET, xinxiang: 'another-secret' };
const secretOf = (id: string) => Promise.resolve(secrets[id]);

const NOW_SECONDS = 1_772_416_800; // 2026-03-02T10:00:00+08:00
const now = NOW_SECONDS * 1000;
const body = JSON.stringify({ eventId: 'e1', type: 'query.online.started', caseNo: CASE_NO, occurredAt: '2026-03-02T10:00:00+08:00' });

function signed(changes: Partial<SignedRequest> = {}, secret = SECRET): SignedRequest {
  const timestamp = changes.timestamp ?? String(NOW_SECONDS);
  return { courtId: court, timestamp, signature: sign(secret, timestamp, changes.body ?? body), body, ...changes };
}

async function refusal(request: SignedRequest, at = now): Promise<AuthenticationError> {
  try {
    await authenticate(request, secretOf, at);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthenticationError);
    return error as AuthenticationError;
  }
  throw new Error('expected an AuthenticationError');
}

describe('sign: the contract\'s formula', () => {
  it('is v1= and the hex HMAC-SHA256 of "<timestamp>.<raw body>"', () => {
    const expected = createHmac('sha256', SECRET).update(`${NOW_SECONDS}.${body}`).digest('hex');
    expect(sign(SECRET, String(NOW_SECONDS), body)).toBe(`v1=${expected}`);
  });
});

describe('authenticate', () => {
  it('a correctly signed request proves its court', async () => {
    await expect(authenticate(signed(), secretOf, now)).resolves.toBe(court);
  });

  it('a GET signs the empty body', async () => {
    await expect(authenticate(signed({ body: '' }), secretOf, now)).resolves.toBe(court);
  });

  it.each([0, 300, -300])('accepts a timestamp %i s from the server clock', async (skew) => {
    await expect(authenticate(signed({ timestamp: String(NOW_SECONDS + skew) }), secretOf, now)).resolves.toBe(court);
  });

  it.each([301, -301, 86_400])('refuses a timestamp %i s from the server clock', async (skew) => {
    const error = await refusal(signed({ timestamp: String(NOW_SECONDS + skew) }));
    expect(error.message).toContain('300 s');
  });

  it('refuses the wrong secret', async () => {
    expect((await refusal(signed({}, 'guessed-secret'))).message).toBe('signature does not match');
  });

  it('refuses a body changed after signing', async () => {
    const request = signed();
    await refusal({ ...request, body: request.body.replace('e1', 'e2') });
  });

  it('refuses another court\'s valid signature presented under this court\'s id', async () => {
    await refusal(signed({ courtId: court }, secrets.xinxiang));
  });

  it('refuses an unknown court the same way as a bad signature', async () => {
    const error = await refusal(signed({ courtId: 'nowhere' }, 'unknown-court'));
    expect(error.message).toBe('signature does not match');
  });

  it.each([
    { what: 'no court id', changes: { courtId: undefined } },
    { what: 'no timestamp', changes: { timestamp: undefined, signature: 'v1=00' } },
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
    { what: 'a negative timestamp', changes: { timestamp: '-1772416800' }, message: 'X-Timestamp must be unix seconds' },
  ])('refuses $what: "$message"', async ({ changes, message }) => {
    expect((await refusal(signed(changes))).message).toBe(message);
  });

  it.each([
    { what: 'no v1= prefix', signature: (s: string) => s.slice(3) },
    { what: 'upper-case hex', signature: (s: string) => `v1=${s.slice(3).toUpperCase()}` },
    { what: 'a truncated signature', signature: (s: string) => s.slice(0, -2) },
    { what: 'a v2= scheme', signature: (s: string) => `v2=${s.slice(3)}` },
  ])('refuses a malformed signature header: $what', async ({ signature }) => {
    const request = signed();
    await refusal({ ...request, signature: signature(request.signature ?? '') });
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
