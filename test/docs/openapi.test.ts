/**
 * `docs/openapi.json` (README "Onboarding a court"): current with the zod schemas, a valid OpenAPI 3.1
 * document by a real validator, naming every event type and every route the local mode
 * serves — and true: the API's real answers fit the schemas it gives, and the samples a
 * court posts fit its request schemas.
 */
import { readFile, readdir } from 'node:fs/promises';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../lib/api/schemas.js';
import { EVENT_TYPES } from '../../lib/events.js';
import { eventComponentName, openApiText } from '../../tools/openapi/document.js';
import { EVENT_TYPE_DOCS } from '../../tools/openapi/event-types.js';
import { ev, type Harness, startHarness } from '../support/local-harness.js';

const FILE = new URL('../../docs/openapi.json', import.meta.url);
const committedText = () => readFile(FILE, 'utf8');

describe('docs/openapi.json', () => {
  it('is what `npm run openapi` generates from the schemas now (regenerate and commit it when this fails)', async () => {
    expect(await committedText(), 'docs/openapi.json is stale: run `npm run openapi`').toBe(openApiText());
  });

  it('validates as OpenAPI 3.1 and every $ref resolves', async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(await committedText()));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('names every event type, with its data schema and a description in Chinese and English', async () => {
    const doc = JSON.parse(await committedText());
    const mapping = doc.components.schemas.Event.discriminator.mapping;
    expect(Object.keys(mapping).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) {
      expect(EVENT_TYPE_DOCS[type], `tools/openapi/event-types.ts has no line for ${type}`).toBeDefined();
      const schema = doc.components.schemas[`${eventComponentName(type)}Event`];
      expect(schema.properties.type.const).toBe(type);
      expect(doc.components.schemas[`${eventComponentName(type)}Data`]).toBeDefined();
    }
  });

  it('documents the signature as a security scheme with the three headers, and every signed route uses it', async () => {
    const doc = JSON.parse(await committedText());
    const schemes = doc.components.securitySchemes;
    expect(Object.values(schemes).map((s: any) => s.name).sort()).toEqual(['X-Court-Id', 'X-Signature', 'X-Timestamp', 'board_session']);
    // The board's reads take the signature or the board's session cookie.
    expect(doc.paths['/v1/board/overview'].get.security).toEqual([{ CourtId: [], Timestamp: [], Signature: [] }, { BoardSession: [] }]);
    expect(schemes.Signature.description).toMatch(/HMAC-SHA256/);
    expect(doc.paths['/v1/events'].post.security).toEqual([{ CourtId: [], Timestamp: [], Signature: [] }]);
    expect(doc.paths['/v1/openapi.json'].get.security).toEqual([]);
  });

  it('request schemas accept every sample event and refuse what the server refuses', async () => {
    const doc = JSON.parse(await committedText());
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
    const event = ajv.compile({ $ref: 'doc#/components/schemas/Event' });
    const dir = new URL('../../events/samples/', import.meta.url);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json') && f !== 'batch.json');
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const sample = JSON.parse((await readFile(new URL(file, dir), 'utf8')).replaceAll('"now"', '"2026-12-04T10:00:00+08:00"'));
      expect(event(sample), `${file}: ${JSON.stringify(event.errors)}`).toBe(true);
    }
    const filed = ev('case.filed', '(2026)豫0823执1号', '2026-12-04T10:00:00+08:00', { amount: 1000, financial: false, respondents: [{ kind: 'person' }] });
    expect(event(filed)).toBe(true);
    expect(event({ ...filed, data: { ...filed.data, amount: -1 } })).toBe(false);
    expect(event({ ...filed, data: { ...filed.data, extra: 1 } })).toBe(false);
    expect(event({ ...filed, type: 'case.unknown' })).toBe(false);
    expect(event({ ...filed, caseNo: 'bad\u0007no' })).toBe(false);
  });
});

describe('GET /v1/openapi.json and the real answers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('is served without a signature, exactly the committed document', async () => {
    const res = await fetch(`${h.system.url}/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual(JSON.parse(await committedText()));
  });

  it('describes every route the local mode serves', async () => {
    const doc = JSON.parse(await committedText());
    expect(h.system.routes.length).toBeGreaterThan(4);
    for (const route of h.system.routes) {
      const [method = '', path = ''] = route.split(' ');
      expect(doc.paths[path]?.[method.toLowerCase()], `${route} is not in docs/openapi.json`).toBeDefined();
    }
  });

  it('answers fit the documented response schemas', async () => {
    const caseNo = '(2026)豫0823执7001号';
    const filed = ev('case.filed', caseNo, '2026-03-02T09:00:00+08:00', { amount: 50000, financial: false, respondents: [{ kind: 'person' }] });
    const bad = ev('funds.arrived', caseNo, '2026-03-03T09:00:00+08:00', { paymentId: 'P1', amount: -1 });
    const posted = await h.postAndApply({ events: [filed, bad] });
    expect(posted.status).toBe(202);
    api.EVENT_RESULTS.parse(posted.body);
    expect(posted.body.results.map((r: any) => r.status)).toEqual(['accepted', 'rejected']);

    await h.system.scan(Date.parse('2026-03-20T09:00:00+08:00'));
    const view = await h.get(`/v1/cases/${caseNo}`);
    expect(view.status).toBe(200);
    api.CASE_VIEW.parse(view.body);
    expect(view.body.notices.length).toBeGreaterThan(0);

    const list = await h.get('/v1/cases?overdue=true');
    api.CASE_LIST.parse(list.body);
    expect(list.body.cases.map((c: any) => c.caseNo)).toContain(caseNo);

    api.BOARD_OVERVIEW.parse((await h.get('/v1/board/overview')).body);
    const overdue = await h.get('/v1/board/overdue');
    api.BOARD_OVERDUE.parse(overdue.body);
    expect(overdue.body.nodes.map((n: any) => n.caseNo)).toContain(caseNo);

    const timeline = await fetch(`${h.system.url}/v1/public/cases/${encodeURIComponent(caseNo)}/timeline?code=${view.body.publicCode}`);
    api.PUBLIC_TIMELINE.parse(await timeline.json());

    for (const refused of [await h.post('not json'), await h.get('/v1/cases?team=nobody'), await h.get('/v1/cases/(2026)豫0823执0号')]) {
      expect(refused.status).toBeGreaterThanOrEqual(400);
      api.ERROR_BODY.parse(refused.body);
    }
    const health = await (await fetch(`${h.system.url}/local/health`)).json();
    api.LOCAL_HEALTH.parse(health);
    const digest = await fetch(`${h.system.url}/local/digest`, { method: 'POST', body: JSON.stringify({ time: '2026-03-23T08:00:00+08:00' }) });
    expect(digest.status).toBe(200);
    expect(api.LOCAL_DIGEST.parse(await digest.json()).digests.length).toBeGreaterThan(0);
    api.LOCAL_NOTICES.parse(await (await fetch(`${h.system.url}/local/notices`)).json());
  });
});
