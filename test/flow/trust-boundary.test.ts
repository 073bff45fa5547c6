/**
 * The attacks of issue 10, replayed against the local mode over HTTP, each pinned to the
 * answer docs/API.md gives: a signature binds what it asks, a case number means one
 * case, hostile bodies are 4xx and leave nothing behind.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { illFormedStrings } from '../../lib/posted-json.js';
import { signedHeaders, signV1 } from '../../lib/signature.js';
import { TABLE_NAME } from '../../local/system.js';
import { COURT, ev, type Harness, SECRET, startHarness } from '../support/local-harness.js';

const filed = (caseNo: string, eventId: string, data: object = {}) =>
  ev('case.filed', caseNo, '2026-03-02T09:00:00+08:00', { amount: 1000, financial: false, respondents: [{ kind: 'person' }], ...data }, eventId);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

/** Sends raw bytes with the given headers. */
async function send(method: string, target: string, headers: Record<string, string>, body?: string | Uint8Array) {
  const res = await fetch(`${h.system.url}${target}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const sign = (method: string, target: string, body?: string | Uint8Array) => signedHeaders({ court: COURT, secret: SECRET, method, target, ...(body === undefined ? {} : { body }) });

async function itemCount(): Promise<number> {
  const client = new DynamoDBClient({ endpoint: h.system.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    return (await client.send(new ScanCommand({ TableName: TABLE_NAME, Select: 'COUNT' }))).Count ?? 0;
  } finally {
    client.destroy();
  }
}

describe('a captured signature works only for what it asked', () => {
  it('a GET replayed on another case, on the list, or with another query is 401', async () => {
    await h.postAndApply(filed('(2026)豫0823执9001号', 'replay-1'));
    await h.postAndApply(filed('(2026)豫0823执9002号', 'replay-2'));
    const target = `/v1/cases/${encodeURIComponent('(2026)豫0823执9001号')}`;
    const captured = sign('GET', target);
    expect((await send('GET', target, captured)).status).toBe(200);
    expect((await send('GET', `/v1/cases/${encodeURIComponent('(2026)豫0823执9002号')}`, captured)).status).toBe(401);
    expect((await send('GET', '/v1/cases?overdue=true', captured)).status).toBe(401);
    expect((await send('GET', `${target}?lang=en`, captured)).status).toBe(401);
    const list = sign('GET', '/v1/cases?team=simple');
    expect((await send('GET', '/v1/cases?team=simple', list)).status).toBe(200);
    expect((await send('GET', '/v1/cases?team=simple&overdue=true', list)).status).toBe(401);
    // The same request with the query in another order and another spelling of the same text is the same request.
    const both = sign('GET', '/v1/cases?overdue=false&team=simple');
    expect((await send('GET', '/v1/cases?team=%73imple&overdue=false', both)).status).toBe(200);
  });

  it('property: a signed GET replayed on any other case or query is always 401', async () => {
    const target = (n: number, q: string) => `/v1/cases/${encodeURIComponent(`(2026)豫0823执${n}号`)}${q}`;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 1, max: 99_999 }), fc.constantFrom('', '?lang=en', '?x=1'), async (a, b, q) => {
        fc.pre(a !== b || q !== '');
        const captured = sign('GET', target(a, ''));
        expect((await send('GET', target(b, q), captured)).status).toBe(401);
      }),
      { numRuns: 25 },
    );
  });

  it('v1 (timestamp and body only) is still taken on POST /v1/events, and refused on every read', async () => {
    const body = JSON.stringify(filed('(2026)豫0823执9003号', 'v1-1'));
    const ts = String(Math.floor(Date.now() / 1000));
    const v1 = { 'x-court-id': COURT, 'x-timestamp': ts, 'x-signature': signV1(SECRET, ts, body) };
    expect((await send('POST', '/v1/events', v1, body)).body.results[0].status).toBe('accepted');
    const get = { ...v1, 'x-signature': signV1(SECRET, ts, '') };
    const refused = await send('GET', '/v1/cases?overdue=true', get);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toContain('v2');
  });
});

describe('the HMAC covers the raw body bytes', () => {
  it('a body that is not UTF-8, signed over its bytes, is 400; signed over the replaced text, 401; nothing is stored', async () => {
    await h.system.drain(); // what earlier tests posted is applied: the count below moves only by this test
    const before = await itemCount();
    const bytes = Buffer.concat([Buffer.from(JSON.stringify(filed('(2026)豫0823执9004号', 'bytes-1')).slice(0, -2)), Buffer.from([0xff]), Buffer.from('"}')]);
    const overBytes = await send('POST', '/v1/events', sign('POST', '/v1/events', bytes), bytes);
    expect(overBytes.status).toBe(400);
    expect(overBytes.body.error).toContain('UTF-8');
    expect((await send('POST', '/v1/events', sign('POST', '/v1/events', bytes.toString('utf8')), bytes)).status).toBe(401);
    expect(await itemCount()).toBe(before);
  });
});

describe('the path is decoded once', () => {
  it('GET /v1/cases/(2026)%2541 asks for the case "(2026)%41", never "(2026)A"', async () => {
    await h.postAndApply(filed('(2026)A', 'once-1'));
    const res = await send('GET', '/v1/cases/(2026)%2541', sign('GET', '/v1/cases/(2026)%2541'));
    expect(res.status).toBe(404);
    expect(res.body.error).toContain('(2026)%41');
    expect((await send('GET', '/v1/cases/(2026)%41', sign('GET', '/v1/cases/(2026)%41'))).body.caseNo).toBe('(2026)A');
  });

  it('a path that is not percent-encoded UTF-8 is 400', async () => {
    const res = await send('GET', '/v1/cases/%E8%B1', sign('GET', '/v1/cases/%25E8%25B1'));
    expect(res.status).toBe(400);
  });
});

describe('look-alike case numbers are one case', () => {
  it('full-width, padded, NBSP and U+3000 spellings file, post to and read the same case, stored canonically', async () => {
    const spellings = ['（2026）豫0823执9100号', '(２０２６)豫０８２３执９１００号', ' (2026)豫0823执9100号 ', '\u00a0(2026)豫0823执9100号', '\u3000(2026)豫0823执9100号\u3000'];
    const first = await h.postAndApply(filed(spellings[0] ?? '', 'look-1'));
    expect(first.body.results[0].status).toBe('accepted');
    // The same id under another spelling is the same event: duplicate, not conflict.
    expect((await h.post(filed(spellings[1] ?? '', 'look-1'))).body.results[0].status).toBe('duplicate');
    for (const [i, spelling] of spellings.entries()) {
      expect((await h.postAndApply(ev('related.queried', spelling, `2026-03-0${2 + (i % 3)}T10:00:00+08:00`, undefined, `look-q-${i}`))).body.results[0].status).toBe('accepted');
      const read = await h.get(`/v1/cases/${spelling.trim()}`);
      expect(read.status, spelling).toBe(200);
      expect(read.body.caseNo).toBe('(2026)豫0823执9100号');
    }
    const list = await h.get('/v1/cases?limit=100');
    expect(list.body.cases.filter((c: { caseNo: string }) => c.caseNo.includes('9100')).map((c: { caseNo: string }) => c.caseNo)).toEqual(['(2026)豫0823执9100号']);
  });

  it('NFC and NFD spellings are one case', async () => {
    const nfc = '(2026)Café执9101号'.normalize('NFC');
    await h.postAndApply(filed(nfc.normalize('NFD'), 'nfd-1'));
    expect((await h.post(filed(nfc, 'nfd-1'))).body.results[0].status).toBe('duplicate');
  });

  it.each([
    ['U+3164', '(2026)豫0823执9102号\u3164'],
    ['U+2800', '(2026)豫0823执9102号\u2800'],
    ['U+FE00', '(2026)豫0823执9102号\uFE00'],
    ['a combining accent', '(2026)豫0823执9102号\u0301'],
    ['U+200B', '(2026)豫0823\u200B执9102号'],
    ['an inner NBSP', '(2026)豫0823\u00a0执9102号'],
  ])('%s is rejected with path caseNo, and nothing stored', async (_what, caseNo) => {
    const before = await itemCount();
    const res = await h.post(filed(caseNo, `bad-case-${caseNo.codePointAt(caseNo.length - 1)}`));
    expect(res.status).toBe(202);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', errors: [{ path: 'caseNo', see: 'docs/API.md#case-numbers' }] });
    expect(await itemCount()).toBe(before);
  });
});

describe('lone surrogates are refused wherever they are', () => {
  it.each([
    ['in caseNo', '{"eventId":"sur-1","type":"case.filed","caseNo":"(2026)X\\ud800","occurredAt":"2026-03-02T09:00:00+08:00","data":{"amount":1,"financial":false,"respondents":[{"kind":"person"}]}}', 'caseNo'],
    ['in a paymentId', '{"eventId":"sur-2","type":"funds.arrived","caseNo":"(2026)豫0823执9200号","occurredAt":"2026-03-02T09:00:00+08:00","data":{"paymentId":"P\\ud801","amount":1}}', 'data.paymentId'],
    ['in eventId', '{"eventId":"sur-\\udc00","type":"related.queried","caseNo":"(2026)豫0823执9200号","occurredAt":"2026-03-02T09:00:00+08:00"}', 'eventId'],
    ['in a field name', '{"eventId":"sur-4","type":"related.queried","caseNo":"(2026)豫0823执9200号","occurredAt":"2026-03-02T09:00:00+08:00","data":{"\\ud800":1}}', 'data["\\ud800"]'],
  ])('%s: rejected naming the field, nothing stored, the id never echoed broken', async (_where, body, path) => {
    const before = await itemCount();
    const res = await h.post(body);
    expect(res.status).toBe(202);
    const [result] = res.body.results;
    expect(result.status).toBe('rejected');
    expect(result.errors[0]).toMatchObject({ path, see: 'docs/API.md#text' });
    expect(illFormedStrings(res.body)).toEqual([]); // the answer itself is well-formed
    expect(await itemCount()).toBe(before);
  });
});

describe('a body nested deeper than 32 levels is 400, never 500', () => {
  const nested = (depth: number, inner = '1') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
  it.each([
    ['in data', `{"eventId":"deep-1","type":"related.queried","caseNo":"(2026)豫0823执9300号","occurredAt":"2026-03-02T09:00:00+08:00","data":{"x":${nested(10_000)}}}`],
    ['in events', `{"events":[${nested(10_000)}]}`],
    ['in eventId', `{"eventId":${nested(10_000)},"type":"related.queried","caseNo":"x","occurredAt":"2026-03-02T09:00:00+08:00"}`],
    ['objects', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`],
  ])('%s (10,000 levels)', async (_where, body) => {
    const res = await h.post(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('32');
  });

  it('33 levels are refused, 32 are read (and judged event by event)', async () => {
    const event = (depth: number) => `{"events":[{"eventId":"d-${depth}","type":"related.queried","caseNo":"(2026)豫0823执9301号","occurredAt":"2026-03-02T09:00:00+08:00","data":{"x":${nested(depth - 4)}}}]}`;
    expect((await h.post(event(33))).status).toBe(400);
    const at32 = await h.post(event(32));
    expect(at32.status).toBe(202);
    expect(at32.body.results[0]).toMatchObject({ status: 'rejected', errors: [{ path: 'data.x' }] });
  });

  it('property: arbitrary nesting of objects and arrays, anywhere, is never a 5xx', async () => {
    const shape = fc.letrec<{ node: string; array: string; object: string }>((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant('1'), fc.constant('"\\ud800"'), tie('array'), tie('object')),
      array: fc.array(tie('node'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
      object: fc.array(fc.tuple(fc.constantFrom('eventId', 'data', 'events', 'caseNo', 'x'), tie('node')), { maxLength: 3 }).map((e) => `{${e.map(([k, v]) => `"${k}":${v}`).join(',')}}`),
    })).node;
    await fc.assert(
      fc.asyncProperty(shape, fc.integer({ min: 0, max: 60 }), async (inner, depth) => {
        const res = await h.post(`{"events":[{"eventId":"p","type":"related.queried","caseNo":"(2026)豫0823执9302号","occurredAt":"2026-03-02T09:00:00+08:00","data":${nested(depth, inner)}}]}`);
        expect(res.status).toBeLessThan(500);
        expect([202, 400]).toContain(res.status);
      }),
      { numRuns: 60 },
    );
  });
});
