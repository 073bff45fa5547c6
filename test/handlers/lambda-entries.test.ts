/**
 * The deployed Lambda entries (functions/*.ts) with their AWS clients mocked
 * (aws-sdk-client-mock): the envelopes of events/envelopes in, the calls AWS would see
 * and the answers the callers get out.
 */
import { readFile } from 'node:fs/promises';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, Context, ScheduledEvent, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { planRecord, rulesFor } from '../../lib/app/case-records.js';
import { summarize } from '../../lib/metrics/summaries.js';
import { foldCase } from '../../lib/case-state.js';
import { type StoredEvent, validateEvent } from '../../lib/events.js';
import { DEFAULT_LIMITS } from '../../lib/limits.js';
import { newSession, sealSession } from '../../lib/board-session.js';
import { signedHeaders } from '../../lib/signature.js';
import { lambdaContext } from '../../local/http-server.js';
import { functionEnv } from '../support/function-env.js';

const doc = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const sns = mockClient(SNSClient);
const secrets = mockClient(SecretsManagerClient);

const SECRET = 'a-court-secret-of-32-characters!';
const envelope = async <T>(name: string): Promise<T> => JSON.parse(await readFile(new URL(`../../events/envelopes/${name}`, import.meta.url), 'utf8')) as T;
const context = (): Context => lambdaContext('test', 60_000);

type Handler<E, R> = (event: E, context: Context) => Promise<R>;
let intake: Handler<APIGatewayProxyEvent, { statusCode: number; body: string }>;
let apply: Handler<SQSEvent, { batchItemFailures: Array<{ itemIdentifier: string }> }>;
let scan: Handler<ScheduledEvent, { casesRead: number; published: number; notices: Array<{ node: string; level: string }> }>;
let read: Handler<APIGatewayProxyEvent, { statusCode: number; body: string }>;
let board: Handler<APIGatewayProxyEvent, { statusCode: number; body: string; headers: Record<string, string>; multiValueHeaders?: Record<string, string[]> }>;
let metrics: Handler<APIGatewayProxyEvent, { statusCode: number; body: string; headers?: Record<string, string> }>;
let digest: Handler<ScheduledEvent, { at?: string; published: number; courts: Array<{ court: string; status: string }> }>;

beforeAll(async () => {
  // What the CDK stack sets (infra/constructs/supervisor-function.ts): the functions fail fast without it.
  Object.assign(process.env, {
    ...functionEnv(['demo-court', 'qinyang']),
    BOARD_SESSION_SECRET_ARN: 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:board-session-AbCdEf',
    BOARD_CLIENT_SECRET_ARN: 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:board-client-AbCdEf',
    BOARD_COURT_CLAIM: 'custom:court',
  });
  ({ handler: intake } = (await import('../../functions/intake.js')) as never);
  ({ handler: apply } = (await import('../../functions/apply.js')) as never);
  ({ handler: scan } = (await import('../../functions/scan.js')) as never);
  ({ handler: read } = (await import('../../functions/read.js')) as never);
  ({ handler: board } = (await import('../../functions/board.js')) as never);
  ({ handler: metrics } = (await import('../../functions/metrics.js')) as never);
  ({ handler: digest } = (await import('../../functions/digest.js')) as never);
});

beforeEach(() => {
  doc.reset();
  sqs.reset();
  sns.reset();
  secrets.reset();
  secrets.on(GetSecretValueCommand).resolves({ SecretString: SECRET });
});

/** The envelope signed (v2) as its court system would sign it; the body as API Gateway hands it over (base64). */
function signedEnvelope(base: APIGatewayProxyEvent, body: string): APIGatewayProxyEvent {
  const { 'x-court-id': court, 'x-timestamp': ts, 'x-signature': signature } = signedHeaders({
    court: 'demo-court',
    secret: SECRET,
    method: base.httpMethod,
    target: base.path,
    body,
  });
  const headers = { ...base.headers, 'X-Court-Id': court, 'X-Timestamp': ts, 'X-Signature': signature };
  return { ...base, headers, body: body ? Buffer.from(body).toString('base64') : null, isBase64Encoded: body !== '' };
}

const bodyOf = (event: APIGatewayProxyEvent) => Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8');

describe('functions/intake.ts (POST /v1/events)', () => {
  it('stores the event with a conditional write, queues its case and answers 202', async () => {
    doc.on(BatchGetCommand).resolves({ Responses: { cases: [] } });
    doc.on(PutCommand).resolves({});
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const base = await envelope<APIGatewayProxyEvent>('api-post-events.json');
    const res = await intake(signedEnvelope(base, bodyOf(base)), context());
    expect(res.statusCode).toBe(202);
    expect(JSON.parse(res.body)).toEqual({ results: [{ eventId: 'sample-case-filed-1', status: 'accepted' }] });
    expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: 'enforcement-deadlines/courts/demo-court' });
    const puts = doc.commandCalls(PutCommand).map((c) => c.args[0].input);
    expect(puts.find((p) => String(p.Item?.pk).startsWith('I#'))).toMatchObject({
      Item: { pk: 'I#demo-court#sample-case-filed-1', sk: '#ID' },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(puts.find((p) => p.Item?.sk === '#OWNER')).toMatchObject({ Item: { court: 'demo-court', caseNo: '(2026)豫0823执1234号' } });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 1);
  });

  it('answers 503 with nothing inside when DynamoDB throttles past the SDK retries', async () => {
    doc.on(BatchGetCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    const base = await envelope<APIGatewayProxyEvent>('api-post-events.json');
    const res = await intake(signedEnvelope(base, bodyOf(base)), context());
    expect(res.statusCode).toBe(503);
    expect(res.body).not.toMatch(/slow down|Provisioned/);
    expect(sqs).not.toHaveReceivedCommand(SendMessageBatchCommand);
  });

  it('answers 401 to a court that is not deployed, without calling Secrets Manager', async () => {
    const base = await envelope<APIGatewayProxyEvent>('api-post-events.json');
    const event = signedEnvelope(base, bodyOf(base));
    const res = await intake({ ...event, headers: { ...event.headers, 'X-Court-Id': 'no-such-court' } }, context());
    expect(res.statusCode).toBe(401);
    expect(secrets).not.toHaveReceivedCommand(GetSecretValueCommand);
  });

  it('answers 401 to an unsigned request without touching the store', async () => {
    const base = await envelope<APIGatewayProxyEvent>('api-post-events.json');
    const res = await intake({ ...base, headers: { 'Content-Type': 'application/json' } }, context());
    expect(res.statusCode).toBe(401);
    expect(doc.calls()).toHaveLength(0);
  });
});

describe('functions/apply.ts (SQS)', () => {
  it('creates the snapshot of a filed case, conditionally, and reports no failure', async () => {
    doc.on(GetCommand).resolves({});
    doc.on(QueryCommand).resolves({ Items: [] });
    doc.on(BatchGetCommand).resolves({ Responses: { cases: [] } });
    doc.on(PutCommand).resolves({});
    const result = await apply(await envelope<SQSEvent>('sqs-apply.json'), context());
    expect(result).toEqual({ batchItemFailures: [] });
    const snapshot = doc.commandCalls(PutCommand).map((c) => c.args[0].input).find((p) => p.Item?.sk === '#CASE');
    expect(snapshot).toMatchObject({ Item: { pk: 'C#(2026)豫0823执1234号', version: 1, listCourt: 'demo-court' }, ConditionExpression: 'attribute_not_exists(pk)' });
    expect(snapshot?.Item?.dueShard).toMatch(/^\d\d$/); // open: in the scan index
  });

  it('returns the message as a partial batch failure when the store stays down', async () => {
    doc.on(GetCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    const event = await envelope<SQSEvent>('sqs-apply.json');
    expect(await apply(event, context())).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0]?.messageId }] });
  });
});

describe('functions/scan.ts (EventBridge schedule)', () => {
  it('reads the due index, claims, publishes through SNS with the filter attributes, records and re-plans', async () => {
    // Filed on 1 October, the first day of the National Day holiday, nothing done since.
    const v = validateEvent(
      { eventId: 'f1', type: 'case.filed', caseNo: '(2026)豫0823执55号', occurredAt: '2026-10-01T09:00:00+08:00', data: { amount: 50_000, financial: false, respondents: [{ kind: 'person' }] } },
      Date.parse('2026-10-10T00:00:00Z'),
    );
    if (!v.ok) throw new Error('fixture');
    const filing = { ...v.event, court: 'demo-court' } as StoredEvent;
    const rules = rulesFor(DEFAULT_LIMITS);
    const state = foldCase([filing], { limits: DEFAULT_LIMITS, calendar: rules.calendar });
    if (!state) throw new Error('fixture');
    const record = { ...planRecord(undefined, state, {}, {}, rules, filing.at), eventRefs: ['demo-court#f1'] };
    // The item exactly as the adapter writes it.
    const { dynamoStores } = await import('../../functions/adapters/dynamo-stores.js');
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    doc.on(PutCommand).resolves({});
    await dynamoStores(new DynamoDBClient({}), { tableName: 'cases' }).snapshots.putCase(record, undefined);
    const item = doc.commandCalls(PutCommand)[0]?.args[0].input.Item as Record<string, unknown>;
    doc.reset();
    doc.on(GetCommand).resolves({}); // no plan bookkeeping yet
    doc.on(PutCommand).resolves({});
    doc.on(UpdateCommand).resolves({});
    doc.on(BatchWriteCommand).resolves({});
    const { refs: _refs, ...projected } = item;
    doc.on(QueryCommand).resolves({ Items: [] });
    doc.on(QueryCommand, { IndexName: 'due', ExpressionAttributeValues: { ':s': item.dueShard, ':until': Date.parse('2026-10-08T10:00:00Z') } }).resolves({ Items: [projected] });
    sns.on(PublishBatchCommand).resolves({ Successful: [], Failed: [] });

    const event = await envelope<ScheduledEvent>('scheduled-scan.json');
    const summary = await scan(event, context());
    expect(summary.casesRead).toBe(1);
    // At 18:00 on 8 October: the 24-hour query is days late (督办); the day limits ran over
    // the holiday to the first working day, 8 October, and are only at their 75 % (提醒).
    expect(summary.notices.map((s) => `${s.node}:${s.level}`).sort()).toEqual(['documents:remind', 'onlineQuery:supervise', 'reception:remind', 'relatedCases:remind']);
    const entries = sns.commandCalls(PublishBatchCommand).flatMap((c) => c.args[0].input.PublishBatchRequestEntries ?? []);
    expect(entries).toHaveLength(4);
    expect(entries.map((e) => e.MessageAttributes?.team?.StringValue)).toEqual(['service', 'service', 'service', 'service']);
    expect(entries.every((e) => e.MessageAttributes?.court?.StringValue === 'demo-court')).toBe(true);
    // Claimed in the ledger before publishing (from nothing, or from held), recorded as sent after.
    const claims = doc.commandCalls(PutCommand).map((c) => c.args[0].input).filter((p) => String(p.Item?.sk).startsWith('N#'));
    expect(claims).toHaveLength(4);
    expect(claims.every((c) => c.ConditionExpression === 'attribute_not_exists(pk) OR #s = :held' && c.Item?.status === 'claimed')).toBe(true);
    expect(doc).toHaveReceivedCommand(BatchWriteCommand);
    // Intent and confirmation: both conditional on the version read.
    const updates = doc.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(updates.map((u) => u.ExpressionAttributeValues?.[':expected'])).toEqual([1, 2]);
  });
});

describe('functions/digest.ts (EventBridge rule, daily at the DigestSchedule time)', () => {
  it('on a digest day: one director\'s digest per deployed court, published with kind = digest after a conditional claim', async () => {
    doc.on(QueryCommand).resolves({ Items: [] });
    doc.on(GetCommand).resolves({});
    doc.on(PutCommand).resolves({});
    sns.on(PublishBatchCommand).resolves({ Successful: [], Failed: [] });
    const base = await envelope<ScheduledEvent>('scheduled-scan.json');
    const summary = await digest({ ...base, time: '2026-11-30T00:00:00Z' }, context()); // Monday 08:00 China time
    expect(summary).toMatchObject({ at: '2026-11-30T08:00:00+08:00', published: 2 });
    const entries = sns.commandCalls(PublishBatchCommand).flatMap((c) => c.args[0].input.PublishBatchRequestEntries ?? []);
    expect(entries.map((e) => [e.MessageAttributes?.kind?.StringValue, e.MessageAttributes?.court?.StringValue, e.MessageAttributes?.team?.StringValue]).sort()).toEqual([
      ['digest', 'demo-court', 'all'],
      ['digest', 'qinyang', 'all'],
    ]);
    expect(entries[0]?.Subject).toMatch(/^【执行局每日督办简报·局长】11月30日08:00/);
    const claims = doc.commandCalls(PutCommand).map((c) => c.args[0].input).filter((p) => String(p.Item?.pk).startsWith('META#digest#'));
    expect(claims.map((c) => c.ConditionExpression)).toEqual(['attribute_not_exists(pk)', 'version = :v', 'attribute_not_exists(pk)', 'version = :v']);
  });

  it('on a Saturday that is not worked it does nothing', async () => {
    const base = await envelope<ScheduledEvent>('scheduled-scan.json');
    expect(await digest({ ...base, time: '2026-11-28T00:00:00Z' }, context())).toMatchObject({ published: 0, courts: [] });
    expect(doc.calls()).toHaveLength(0);
    expect(sns.calls()).toHaveLength(0);
  });
});

describe('functions/read.ts (GET /v1/cases/{caseNo})', () => {
  it('answers 404 for a case it does not hold, and 401 unsigned', async () => {
    doc.on(GetCommand).resolves({});
    doc.on(BatchGetCommand).resolves({ Responses: { cases: [] } });
    const base = await envelope<APIGatewayProxyEvent>('api-get-case.json');
    expect((await read(signedEnvelope(base, ''), context())).statusCode).toBe(404);
    expect((await read({ ...base, headers: {} }, context())).statusCode).toBe(401);
  });

  it('decodes the path exactly once: /v1/cases/(2026)%2541 names the case "(2026)%41", never "(2026)A"', async () => {
    doc.on(GetCommand).resolves({});
    doc.on(BatchGetCommand).resolves({ Responses: { cases: [] } });
    const base = await envelope<APIGatewayProxyEvent>('api-get-case.json');
    const event = signedEnvelope({ ...base, path: '/v1/cases/(2026)%2541' }, '');
    expect((await read(event, context())).statusCode).toBe(404);
    const keys = doc.commandCalls(GetCommand).map((c) => String(c.args[0].input.Key?.pk));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k === 'C#(2026)%41')).toBe(true);
    // Signed over the once-decoded path: the same headers on the twice-decoded one are refused.
    expect((await read({ ...event, path: '/v1/cases/(2026)A' }, context())).statusCode).toBe(401);
  });

  it('answers 400 (never 500) to a path that is not percent-encoded UTF-8', async () => {
    const base = await envelope<APIGatewayProxyEvent>('api-get-case.json');
    const res = await read({ ...base, path: '/v1/cases/%E8%B1' }, context());
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).see).toBe('docs/API.md#paths');
    expect(doc.calls()).toHaveLength(0);
  });
});

describe('functions/intake.ts: the raw body bytes', () => {
  it('checks the signature over the bytes API Gateway hands over, then refuses a body that is not UTF-8 with 400', async () => {
    const base = await envelope<APIGatewayProxyEvent>('api-post-events.json');
    const bytes = Buffer.concat([Buffer.from('{"eventId":"x'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const { 'x-court-id': court, 'x-timestamp': ts, 'x-signature': signature } = signedHeaders({ court: 'demo-court', secret: SECRET, method: 'POST', target: '/v1/events', body: bytes });
    const event = { ...base, headers: { 'X-Court-Id': court, 'X-Timestamp': ts, 'X-Signature': signature }, body: bytes.toString('base64'), isBase64Encoded: true };
    const res = await intake(event, context());
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error).toMatch(/UTF-8/);
    // Signed over the text with U+FFFD instead of the bytes: refused.
    const replaced = signedHeaders({ court: 'demo-court', secret: SECRET, method: 'POST', target: '/v1/events', body: bytes.toString('utf8') });
    const forged = await intake({ ...event, headers: { 'X-Court-Id': court, 'X-Timestamp': replaced['x-timestamp'], 'X-Signature': replaced['x-signature'] } }, context());
    expect(forged.statusCode).toBe(401);
    expect(doc.calls()).toHaveLength(0);
  });
});

describe('functions/board.ts and the board session on functions/read.ts (CONTRACT §6)', () => {
  /** A REST API request of a browser (no signature) to `resource`, behind the `api` stage. */
  const get = (base: APIGatewayProxyEvent, resource: string, extra: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent => ({
    ...base,
    resource,
    path: resource,
    httpMethod: 'GET',
    headers: { Host: 'api-id.execute-api.cn-north-1.amazonaws.com.cn', 'X-Forwarded-Proto': 'https' },
    multiValueHeaders: {},
    pathParameters: null,
    requestContext: { ...base.requestContext, path: `/api${resource}`, resourcePath: resource, httpMethod: 'GET' },
    ...extra,
  });

  it('serves the board\'s page from the files next to the entry, and refuses sign-in while no provider is configured', async () => {
    const base = await envelope<APIGatewayProxyEvent>('api-get-case.json');
    const page = await board(get(base, '/'), context());
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('执行指挥中心');
    const login = await board(get(base, '/login'), context());
    expect(login.statusCode).toBe(503);
    expect(login.body).toContain('BoardIssuer');
  });

  it('accepts the board\'s session cookie (sealed with the stack\'s key) in place of a signature, for its court only', async () => {
    const base = await envelope<APIGatewayProxyEvent>('api-get-case.json');
    const withCookie = (cookie: string) => get(base, '/v1/board/session', { headers: { Host: 'api-id.execute-api.cn-north-1.amazonaws.com.cn', Cookie: cookie } });
    const cookie = `board_session=${sealSession(SECRET, newSession('qinyang', 'user-7', Date.now()))}`;
    const res = await read(withCookie(cookie), context());
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ court: 'qinyang', user: 'user-7' });
    expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: process.env.BOARD_SESSION_SECRET_ARN });
    const forged = `board_session=${sealSession('another-key-of-32-characters-long!!', newSession('qinyang', 'x', Date.now()))}`;
    expect((await read(withCookie(forged), context())).statusCode).toBe(401);
  });
});

async function metricsEvent(routeKey: string, query: Record<string, string>, signed = true): Promise<APIGatewayProxyEvent> {
  const base = await envelope<APIGatewayProxyEvent>('api-get-case.json');
  const resource = routeKey.split(' ')[1] ?? '';
  const event: APIGatewayProxyEvent = {
    ...base,
    resource,
    path: resource,
    httpMethod: 'GET',
    pathParameters: null,
    queryStringParameters: query,
    multiValueQueryStringParameters: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])),
    headers: {},
    multiValueHeaders: {},
    requestContext: { ...base.requestContext, path: `/api${resource}`, resourcePath: resource },
  };
  if (!signed) return event;
  const h = signedHeaders({ court: 'demo-court', secret: SECRET, method: 'GET', target: `${resource}?${new URLSearchParams(query).toString()}` });
  return { ...event, headers: { 'X-Court-Id': h['x-court-id'], 'X-Timestamp': h['x-timestamp'], 'X-Signature': h['x-signature'] } };
}

describe('functions/metrics.ts (GET /v1/metrics, GET /v1/metrics.csv)', () => {
  it('reads the summaries of the period’s days and the open-caseload shards, and nothing else', async () => {
    const day = summarize([{ kind: 'day', team: 'simple', filed: true, done: { reception: [1, 1] } }]);
    doc.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: Array<{ pk: string }> }> }) => ({
      Responses: {
        cases: input.RequestItems.cases?.Keys.filter((k) => k.pk === 'M#demo-court#D2026-10-09').map((k) => ({ ...k, changes: 1, summarized: 1, sums: JSON.stringify(day) })) ?? [],
      },
    }));
    doc.on(GetCommand, { Key: { pk: 'M#rollup', sk: '#PASS' } }).resolves({ Item: { pk: 'M#rollup', sk: '#PASS', at: Date.parse('2026-11-01T08:15:00+08:00') } });
    const res = await metrics(await metricsEvent('GET /v1/metrics', { from: '2026-10-01', to: '2026-11-01' }), context());
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ court: 'demo-court', filed: 1, onTimeCounts: { reception: { done: 1, onTime: 1 } }, rolledUpAt: '2026-11-01T08:15:00+08:00' });
    const requests = doc.commandCalls(BatchGetCommand).map((c) => c.args[0].input.RequestItems?.cases);
    const keys = requests.flatMap((r) => r?.Keys ?? []) as Array<{ pk: string; sk: string }>;
    // October's 31 days, the days since to today (for the pending caseload at 1 November), the 8 shards.
    expect(keys.every((k) => k.pk.startsWith('M#demo-court#') && k.sk === '#SUM')).toBe(true);
    expect(keys.filter((k) => k.pk.startsWith('M#demo-court#O'))).toHaveLength(8);
    expect(keys.some((k) => k.pk === 'M#demo-court#D2026-10-31')).toBe(true);
    expect(requests.every((r) => r?.ConsistentRead === undefined)).toBe(true);
  });

  it('answers the CSV as an attachment, and 401 unsigned without touching the table', async () => {
    doc.on(BatchGetCommand).resolves({ Responses: { cases: [] } });
    doc.on(GetCommand).resolves({});
    const csv = await metrics(await metricsEvent('GET /v1/metrics.csv', { from: '2026-10-01', to: '2026-11-01', team: 'simple' }), context());
    expect(csv.statusCode).toBe(200);
    expect(csv.headers?.['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.startsWith('\uFEFF指标,代码,数值\r\n')).toBe(true);
    doc.reset();
    const unsigned = await metrics(await metricsEvent('GET /v1/metrics', { from: '2026-10-01', to: '2026-11-01' }, false), context());
    expect(unsigned.statusCode).toBe(401);
    expect(doc.calls()).toHaveLength(0);
  });

  it('accepts the board\'s session cookie in place of a signature: the metrics page of the board', async () => {
    doc.on(BatchGetCommand).resolves({ Responses: { cases: [] } });
    doc.on(GetCommand).resolves({});
    const cookie = `board_session=${sealSession(SECRET, newSession('qinyang', 'user-7', Date.now()))}`;
    const event = { ...(await metricsEvent('GET /v1/metrics', { from: '2026-10-01', to: '2026-11-01' }, false)), headers: { Cookie: cookie } };
    const res = await metrics(event, context());
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ court: 'qinyang', filed: 0 });
    expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: process.env.BOARD_SESSION_SECRET_ARN });
    const keys = doc.commandCalls(BatchGetCommand).flatMap((c) => (c.args[0].input.RequestItems?.cases?.Keys ?? []) as Array<{ pk: string }>);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.pk.startsWith('M#qinyang#'))).toBe(true);
  });
});
