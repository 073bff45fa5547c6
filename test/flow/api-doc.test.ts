/**
 * docs/API.md is the API's own document: every section an answer points to exists, the
 * worked signatures are what HMAC-SHA256 gives (computed here independently) and what
 * the project's signer gives, the Node example runs, the curl example is accepted by the
 * local mode, and every event type is described.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { API_DOC_SECTIONS, apiDoc } from '../../lib/api-doc.js';
import { EVENT_TYPES } from '../../lib/events.js';
import { signedHeaders } from '../../lib/signature.js';
import { DEMO_COURT, DEMO_SECRET } from '../../local/env-court-keys.js';
import { startHarness } from '../support/local-harness.js';

const doc = () => readFile(new URL('../../docs/API.md', import.meta.url), 'utf8');
const NOW = 1_790_000_000_000;

/** The text block after `<!-- example: name -->` (one final line feed belongs to the fence) and the signature after it. */
async function example(name: string): Promise<{ canonical: string; signature: string }> {
  const text = await doc();
  const m = new RegExp(`<!-- example: ${name} -->\\n\`\`\`text\\n([\\s\\S]*?)\\n\`\`\`\\n\`X-Signature: (v2=[0-9a-f]{64})\``).exec(text);
  if (!m) throw new Error(`no worked example "${name}" in docs/API.md`);
  return { canonical: m[1] ?? '', signature: m[2] ?? '' };
}

describe('docs/API.md', () => {
  it('has every section the answers point to', async () => {
    const text = await doc();
    for (const section of Object.keys(API_DOC_SECTIONS) as (keyof typeof API_DOC_SECTIONS)[]) {
      const anchor = apiDoc(section).split('#')[1];
      expect(text, section).toContain(`<a id="${anchor}"></a>`);
    }
    expect(text).not.toMatch(/CONTRACT/);
  });

  it.each([
    ['post', 'POST', '/v1/events', '{"eventId":"demo-1","type":"related.queried","caseNo":"(2026)豫0823执1号","occurredAt":"2026-09-22T10:00:00+08:00"}'],
    ['get', 'GET', `/v1/cases/${encodeURIComponent('(2026)豫0823执1号')}`, ''],
    ['list', 'GET', '/v1/cases?team=simple&overdue=true', ''],
  ])('worked example "%s": the HMAC of the canonical text, and what the project signs', async (name, method, target, body) => {
    const { canonical, signature } = await example(name);
    expect(`v2=${createHmac('sha256', DEMO_SECRET).update(canonical).digest('hex')}`).toBe(signature);
    expect(signedHeaders({ court: DEMO_COURT, secret: DEMO_SECRET, method, target, body, now: NOW })['x-signature']).toBe(signature);
  });

  it('the Node example runs with plain node and prints the worked GET signature', async () => {
    const code = /<!-- example: node -->\n```js\n([\s\S]*?)```/.exec(await doc())?.[1];
    expect(code).toBeDefined();
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', code ?? ''], { encoding: 'utf8' });
    expect(out).toContain((await example('get')).signature);
  });

  it('the curl example posts and reads a case in the local mode', async () => {
    const block = /### curl 与 openssl\n\n```sh\n([\s\S]*?)```/.exec(await doc())?.[1] ?? '';
    const h = await startHarness({ courtSecrets: { [DEMO_COURT]: DEMO_SECRET } });
    try {
      const script = block.replace('API=http://127.0.0.1:3000', `API=${h.system.url}`);
      const filing = JSON.stringify({ eventId: 'demo-0', type: 'case.filed', caseNo: '(2026)豫0823执1号', occurredAt: '2026-09-22T09:00:00+08:00', data: { amount: 1, financial: false, respondents: [{ kind: 'person' }] } });
      await fetch(`${h.system.url}/v1/events`, { method: 'POST', headers: signedHeaders({ court: DEMO_COURT, secret: DEMO_SECRET, method: 'POST', target: '/v1/events', body: filing }), body: filing });
      await h.system.drain();
      // Asynchronously: the server answering curl runs in this process.
      const { stdout: out } = await promisify(execFile)('bash', ['-c', script], { encoding: 'utf8' });
      expect(out).toContain('"status":"accepted"');
      expect(out).toContain('"caseNo":"(2026)豫0823执1号"');
    } finally {
      await h.close();
    }
  });

  it('describes every event type', async () => {
    const text = await doc();
    const table = text.slice(text.indexOf('<a id="event-types"></a>'), text.indexOf('<a id="case-view"></a>'));
    for (const type of EVENT_TYPES) expect(table, type).toContain(`| \`${type}\` |`);
  });
});
