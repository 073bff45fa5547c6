/**
 * Fuzz (docs/RELIABILITY.md): thousands of generated invalid requests, each correctly
 * signed, get a 4xx or a 202 whose every event is `rejected` with a field error — never
 * a 5xx — and nothing is stored. 4,000 in `npm test`, times `FAULT_SCALE` (or exactly
 * `FUZZ_REQUESTS`) in `npm run test:faults`.
 */
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, validateEvent } from '../../lib/events.js';
import { signedHeaders } from '../../lib/signature.js';
import { TABLE_NAME } from '../../local/system.js';
import { COURT, type Harness, SECRET, startHarness } from '../support/local-harness.js';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? Math.round(3_000 * Number(process.env.FAULT_SCALE ?? 1)));
const NOW = Date.now();

const valid = (type: string): Record<string, unknown> => {
  const data: Record<string, unknown> = {
    'case.filed': { amount: 1000, financial: false, respondents: [{ kind: 'person' }] },
    'funds.arrived': { paymentId: 'P1', amount: 5 },
    'documents.sent': { documents: ['executionNotice'] },
    'case.closed': { kind: 'performed' },
    'lead.submitted': { leadId: 'L1', urgent: false },
  };
  return { eventId: 'fz', type, caseNo: '(2026)豫0823执9号', occurredAt: '2026-03-02T10:00:00+08:00', ...(data[type] ? { data: data[type] } : {}) };
};

const FIELDS = ['eventId', 'type', 'caseNo', 'occurredAt', 'data'];
const junk = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', 'x'.repeat(700), '2026-13-40T25:61:00+08:00', '2026-03-02T10:00:00', -1, 1e308, -0.5, null, [], {}),
);

/** One mutation that breaks a valid event. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('drop'), field: fc.constantFrom(...FIELDS.slice(0, 4)) }),
  fc.record({ kind: fc.constant('set'), field: fc.constantFrom(...FIELDS), value: junk }),
  fc.record({ kind: fc.constant('extra'), field: fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'court', 'at'), value: junk }),
  fc.record({ kind: fc.constant('data'), field: fc.constantFrom('amount', 'financial', 'respondents', 'paymentId', 'documents', 'kind', 'urgent', '__proto__', 'bogus'), value: junk }),
  fc.record({ kind: fc.constant('type'), value: fc.string({ maxLength: 30 }) }),
);

function mutate(base: Record<string, unknown>, m: { kind: string; field?: string; value?: unknown }): Record<string, unknown> {
  const e: Record<string, unknown> = JSON.parse(JSON.stringify(base));
  if (m.kind === 'drop' && m.field) delete e[m.field];
  if (m.kind === 'set' && m.field) e[m.field] = m.value;
  if (m.kind === 'extra' && m.field) Object.defineProperty(e, m.field, { value: m.value, enumerable: true, configurable: true, writable: true });
  if (m.kind === 'type') e.type = m.value;
  if (m.kind === 'data' && m.field) {
    const data = (typeof e.data === 'object' && e.data !== null ? e.data : {}) as Record<string, unknown>;
    Object.defineProperty(data, m.field, { value: m.value, enumerable: true, configurable: true, writable: true });
    e.data = data;
  }
  return e;
}

/** An invalid event: a valid one of some type with one to three mutations, kept only if really invalid. */
const invalidEvent = fc
  .tuple(fc.constantFrom(...EVENT_TYPES), fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([type, ms]) => ms.reduce(mutate, valid(type)))
  .filter((e) => !validateEvent(JSON.parse(JSON.stringify(e)), NOW).ok);

/** A request body that must not store anything. */
const body = fc.oneof(
  { weight: 4, arbitrary: invalidEvent.map((e) => JSON.stringify(e)) },
  { weight: 3, arbitrary: fc.array(invalidEvent, { minLength: 1, maxLength: 12 }).map((events) => JSON.stringify({ events })) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: invalidEvent.map((e) => JSON.stringify(e).slice(0, -3)) }, // truncated JSON
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constant('{"events":[]}'),
      fc.integer({ min: 101, max: 140 }).map((n) => JSON.stringify({ events: Array.from({ length: n }, () => valid('assets.frozen')) })),
      invalidEvent.map((e) => JSON.stringify({ events: [e], extra: true })),
      fc.constant(JSON.stringify({ events: [valid('assets.frozen')], padding: 'x'.repeat(300 * 1024) })),
    ),
  },
);

describe(`fuzz: ${REQUESTS} invalid, correctly signed requests`, () => {
  let h: Harness | undefined;
  const statuses: Record<number, number> = {};
  const problems: string[] = [];
  let done = false;

  afterAll(async () => h?.close());

  it('never answers 5xx, and names the field and the expectation of every refusal', async () => {
    const harness = (h = await startHarness());
    const bodies = fc.sample(body, { numRuns: REQUESTS, seed: 20261126 });
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < bodies.length) {
          const raw = bodies[next++] ?? '';
          if (next % 1000 === 0) console.log(`fuzz: ${next} of ${REQUESTS} requests`);
          const res = await fetch(`${harness.system.url}/v1/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...signedHeaders({ court: COURT, secret: SECRET, method: 'POST', target: '/v1/events', body: raw }) },
            body: raw,
          });
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          const answer = (await res.json()) as { error?: string; results?: Array<{ status: string; errors?: Array<{ path: string; message: string }> }> };
          if (res.status === 202) {
            for (const r of answer.results ?? []) {
              if (r.status !== 'rejected' || !r.errors?.length || r.errors.some((e) => !e.path || !/expected|unknown field/.test(e.message))) {
                problems.push(`202 with ${JSON.stringify(r)} for ${raw.slice(0, 200)}`);
              }
            }
          } else if (res.status !== 400 && res.status !== 413) {
            problems.push(`${res.status} ${JSON.stringify(answer)} for ${raw.slice(0, 200)}`);
          } else if (!answer.error || /Error:|at .*\.[tj]s|stack/i.test(JSON.stringify(answer))) {
            problems.push(`${res.status} without a clean message: ${JSON.stringify(answer).slice(0, 200)}`);
          }
        }
      }),
    );
    await harness.system.drain();
    console.log('fuzz figures', JSON.stringify({ requests: REQUESTS, statuses }));
    expect(problems.slice(0, 5)).toEqual([]);
    expect(Object.keys(statuses).filter((s) => Number(s) >= 500)).toEqual([]);
    expect((statuses[202] ?? 0) + (statuses[400] ?? 0) + (statuses[413] ?? 0)).toBe(REQUESTS);
    done = true;
  }, Math.max(600_000, REQUESTS * 60));

  it('stores nothing: the table is empty and nothing was queued', async () => {
    if (!done || !h) throw new Error('the requests did not all run; see the test before');
    const client = new DynamoDBClient({ endpoint: h.system.dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const out = await client.send(new ScanCommand({ TableName: TABLE_NAME, Select: 'COUNT' }));
    client.destroy();
    expect(out.Count).toBe(0);
    expect(h.system.queue.stats.enqueued).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
