/** The sample payloads in events/ are valid, complete and reproducible. */
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateMonth, MONTH_FILE } from '../../events/generate-month.js';
import { decodeCaseMessage } from '../../functions/adapters/sqs-case-queue.js';
import { EVENT_TYPES, validateEvent } from '../../lib/events.js';

const NOW = Date.parse('2026-11-20T00:00:00Z');
const read = async (path: string) => JSON.parse(await readFile(new URL(`../../events/${path}`, import.meta.url), 'utf8')) as any;
const withTime = (e: Record<string, unknown>) => ({ ...e, occurredAt: e.occurredAt === 'now' ? '2026-11-19T10:00:00+08:00' : e.occurredAt });

describe('events/samples: one valid sample per event type (docs/API.md)', () => {
  it('has a file for every type, and nothing else but the batch', async () => {
    const files = (await readdir(new URL('../../events/samples/', import.meta.url))).sort();
    expect(files).toEqual([...EVENT_TYPES.map((t) => `${t}.json`), 'batch.json'].sort());
  });

  it.each(EVENT_TYPES)('%s validates', async (type) => {
    const sample = await read(`samples/${type}.json`);
    const v = validateEvent(withTime(sample), NOW);
    expect(v.ok ? v.event.type : v.errors).toBe(type);
  });

  it('the batch sample holds 1-100 valid events', async () => {
    const { events } = await read('samples/batch.json');
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(validateEvent(withTime(e), NOW).ok).toBe(true);
  });
});

describe('events/month-2026-10.json: the demo month', () => {
  it('is what the generator writes (deterministic), and every event is valid', async () => {
    const file = JSON.parse(await readFile(MONTH_FILE, 'utf8'));
    expect(file).toEqual(generateMonth(2026));
    const invalid = file.map((e: object) => validateEvent(e, NOW)).filter((v: { ok: boolean }) => !v.ok);
    expect(invalid).toEqual([]);
    expect(new Set(file.map((e: { eventId: string }) => e.eventId)).size).toBe(file.length);
  });
});

describe('events/envelopes: handler invocation samples', () => {
  it('the API Gateway (REST API) POST carries a valid event in its base64 body', async () => {
    const env = await read('envelopes/api-post-events.json');
    expect(`${env.httpMethod} ${env.resource}`).toBe('POST /v1/events');
    expect(env.isBase64Encoded).toBe(true);
    expect(validateEvent(JSON.parse(Buffer.from(env.body, 'base64').toString('utf8')), NOW).ok).toBe(true);
  });

  it('the SQS batch carries a case message the apply handler decodes', async () => {
    const env = await read('envelopes/sqs-apply.json');
    const work = decodeCaseMessage(env.Records[0].body);
    expect(work.caseNo).toBe('(2026)豫0823执1234号');
    const { at, court, ...posted } = work.events[0] as unknown as Record<string, unknown>;
    expect(court).toBe('demo-court');
    const v = validateEvent(posted, NOW);
    expect(v.ok && v.event.at).toBe(at); // the stored instant is the posted time's
  });

  it('the scheduled event has the time the scan judges by', async () => {
    const env = await read('envelopes/scheduled-scan.json');
    expect(env['detail-type']).toBe('Scheduled Event');
    expect(Number.isNaN(Date.parse(env.time))).toBe(false);
  });
});
