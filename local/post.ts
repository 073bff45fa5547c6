/**
 * Signs (v2: method, path, query and body; docs/API.md "签名") and sends a request to the
 * local (or any) API, as a court system would.
 *
 *   npx tsx local/post.ts events/samples/case.filed.json        POST /v1/events with the file
 *   npx tsx local/post.ts --get '/v1/cases/(2026)豫0823执1号'     signed GET
 *
 * API (default http://127.0.0.1:3000), COURT_ID and COURT_SECRET (default: the demo court).
 * A sample's "occurredAt" of "now" is replaced by the current time.
 */
import { readFile } from 'node:fs/promises';
import { toChinaIso } from '../lib/time.js';
import { courtClient } from './court-client.js';
import { DEMO_COURT, DEMO_SECRET } from './env-court-keys.js';

const api = process.env.API ?? 'http://127.0.0.1:3000';
const court = process.env.COURT_ID ?? DEMO_COURT;
const secret = process.env.COURT_SECRET ?? DEMO_SECRET;

async function main(): Promise<void> {
  const [first, second] = process.argv.slice(2);
  if (!first) throw new Error('usage: post.ts <file.json> | --get <path>');
  const get = first === '--get';
  const path = get ? encodeURI(second ?? '/v1/cases') : '/v1/events';
  const body = get ? '' : (await readFile(first, 'utf8')).replaceAll('"occurredAt": "now"', `"occurredAt": "${toChinaIso(Date.now())}"`);
  const request = courtClient({ api, court, secret });
  const res = await request(get ? 'GET' : 'POST', path, get ? undefined : body);
  console.log(res.status, JSON.stringify(res.body, null, 2));
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
