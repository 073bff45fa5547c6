/**
 * Least privilege, checked both ways: each function's role (synthesized) allows exactly
 * the DynamoDB, SQS, SNS and Secrets Manager actions its code calls. The deployed Lambda
 * entries run real flows — filings, events before their filing, repeats, a late event,
 * a 终本 closing, a refused request, scans before and after a change of limits, every
 * read — against dynalite behind a proxy that records each DynamoDB action by function;
 * SQS, SNS and Secrets Manager calls are recorded by aws-sdk-client-mock.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEvent, Context, ScheduledEvent, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createTableInput } from '../../functions/adapters/table-design.js';
import { signedHeaders } from '../../lib/signature.js';
import { startDynaliteThread, type DynaliteThread } from '../../local/dynalite-thread.js';
import { lambdaContext } from '../../local/http-server.js';
import { scheduledEvent } from '../../local/system.js';
import { functionEnv } from '../support/function-env.js';
import { resources, SYNTH_TIMEOUT_MS, synthesize } from './synth.js';

const SECRET = 'a-court-secret-of-32-characters!';
const COURT = 'demo-court';
type Fn = 'intake' | 'apply' | 'scan' | 'read';
const called: Record<Fn, Set<string>> = { intake: new Set(), apply: new Set(), scan: new Set(), read: new Set() };
let phase: Fn | undefined;

const sqs = mockClient(SQSClient);
const sns = mockClient(SNSClient);
const secrets = mockClient(SecretsManagerClient);

let dynalite: DynaliteThread | undefined;
let proxy: Server | undefined;
type Handler<E, R> = (event: E, context: Context) => Promise<R>;
let intake: Handler<APIGatewayProxyEvent, { statusCode: number; body: string }>;
let apply: Handler<SQSEvent, unknown>;
let scan: Handler<ScheduledEvent, unknown>;
let read: Handler<APIGatewayProxyEvent, { statusCode: number; body: string }>;
const queued: string[] = [];

/** Forwards to dynalite, recording `dynamodb:<Action>` for the function whose flow runs. */
function recordingProxy(target: URL): Promise<Server> {
  const server = createServer((req, res) => {
    const action = String(req.headers['x-amz-target'] ?? '').split('.')[1];
    if (phase && action) called[phase].add(`dynamodb:${action}`);
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 500, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function restEvent(method: string, path: string, resource: string, body = '', query: Record<string, string> = {}): APIGatewayProxyEvent {
  const qs = new URLSearchParams(query).toString();
  const headers = signedHeaders({ court: COURT, secret: SECRET, method, target: `${path}${qs ? `?${qs}` : ''}`, body });
  return {
    resource,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: {},
    queryStringParameters: qs ? query : null,
    multiValueQueryStringParameters: qs ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])) : null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {} as never,
    body: body ? Buffer.from(body).toString('base64') : null,
    isBase64Encoded: body !== '',
  };
}

const context = () => lambdaContext('test', 60_000);
const at = (day: number, hour = 10) => `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`;
const event = (id: string, type: string, caseNo: string, day: number, data?: object) => ({ eventId: id, type, caseNo, occurredAt: at(day), ...(data ? { data } : {}) });
const filing = (id: string, caseNo: string, day: number, idHash = 'R-idhash-0001') =>
  event(id, 'case.filed', caseNo, day, { amount: 5000, financial: false, respondents: [{ kind: 'person', idHash }] });

async function run<T>(fn: Fn, work: () => Promise<T>): Promise<T> {
  phase = fn;
  try {
    return await work();
  } finally {
    phase = undefined;
  }
}

async function post(events: object[]): Promise<{ statusCode: number; body: string }> {
  return run('intake', () => intake(restEvent('POST', '/v1/events', '/v1/events', JSON.stringify({ events })), context()));
}

/** Hands what intake queued to apply, as the SQS event source would. */
async function applyQueued(): Promise<void> {
  const bodies = queued.splice(0);
  if (!bodies.length) return;
  const records = bodies.map((body, i) => ({ messageId: `m-${i}`, body }) as SQSEvent['Records'][number]);
  await run('apply', () => apply({ Records: records }, context()));
}

/** dynalite behind the recording proxy, the deployed entries imported against it (inside the first test: a slow start fails it loudly). */
async function setUp(): Promise<void> {
  dynalite = await startDynaliteThread({});
  const client = new DynamoDBClient({ endpoint: dynalite.endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  await client.send(new CreateTableCommand(createTableInput('cases')));
  client.destroy();
  proxy = await recordingProxy(new URL(dynalite.endpoint));
  Object.assign(process.env, { ...functionEnv([COURT]), AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
  secrets.on(GetSecretValueCommand).resolves({ SecretString: SECRET });
  sqs.on(SendMessageBatchCommand).callsFake((input: { Entries?: Array<{ Id?: string; MessageBody?: string }> }) => {
    for (const entry of input.Entries ?? []) queued.push(entry.MessageBody ?? '');
    return { Successful: (input.Entries ?? []).map((e) => ({ Id: e.Id, MessageId: e.Id, MD5OfMessageBody: '' })), Failed: [] };
  });
  sns.on(PublishBatchCommand).callsFake((input: { PublishBatchRequestEntries?: Array<{ Id?: string }> }) => ({
    Successful: (input.PublishBatchRequestEntries ?? []).map((e) => ({ Id: e.Id, MessageId: e.Id })),
    Failed: [],
  }));
  ({ handler: intake } = (await import('../../functions/intake.js')) as never);
  ({ handler: apply } = (await import('../../functions/apply.js')) as never);
  ({ handler: scan } = (await import('../../functions/scan.js')) as never);
  ({ handler: read } = (await import('../../functions/read.js')) as never);
}

afterAll(async () => {
  proxy?.close();
  await dynalite?.close();
});

/** Non-DynamoDB calls, from the mocks: the IAM action each command needs. */
function otherCalls(): Record<string, string> {
  return { SendMessageBatchCommand: 'sqs:SendMessage', PublishBatchCommand: 'sns:Publish', GetSecretValueCommand: 'secretsmanager:GetSecretValue' };
}

async function recordMocks<T>(fn: Fn, work: () => Promise<T>): Promise<T> {
  const before = [sqs, sns, secrets].map((m) => m.calls().length);
  const out = await run(fn, work);
  [sqs, sns, secrets].forEach((m, i) => {
    for (const call of m.calls().slice(before[i])) {
      const action = otherCalls()[(call.args[0] as { constructor: { name: string } }).constructor.name];
      if (action) called[fn].add(action);
    }
  });
  return out;
}

describe('least privilege: each role allows exactly what its function calls', () => {
  it('runs the flows of every function and records their calls', async () => {
    await setUp();
    const A = '(2026)豫0823执6001号';
    const B = '(2026)豫0823执6002号';
    const C = '(2026)豫0823执6003号';
    // Intake: filings, an event before its case's filing, repeats, a conflict.
    const first = await recordMocks('intake', () => post([filing('a-f', A, 2), filing('b-f', B, 2, 'R-idhash-0002'), event('a-q', 'query.online.started', A, 2)]));
    expect(first.statusCode).toBe(202);
    await recordMocks('intake', () => post([event('c-early', 'related.queried', C, 3)]));
    await recordMocks('intake', () => post([filing('a-f', A, 2), { ...filing('b-f', B, 2), occurredAt: at(4) }]));
    await recordMocks('apply', applyQueued);
    // A late event (before what was applied: a re-fold), the filing of C (its waiting event joins),
    // and A closed by 终本 (S7 history for B's respondent? another respondent: history written).
    await recordMocks('intake', () => post([event('a-late', 'related.queried', A, 1), filing('c-f', C, 2, 'R-idhash-0001'), event('a-close', 'case.closed', A, 20, { kind: 'terminatedThisRound' })]));
    await recordMocks('apply', applyQueued);
    // A request refused as a whole after its claim: the queue fails, the claim is given back.
    sqs.on(SendMessageBatchCommand).rejectsOnce(new Error('queue down'));
    const refused = await recordMocks('intake', () => post([filing('d-f', '(2026)豫0823执6004号', 5)]));
    expect(refused.statusCode).toBeGreaterThanOrEqual(500);
    queued.splice(0);

    // Scans: notices due, claims, publishes, records; then a change of limits (re-plan sweep).
    for (const day of [10, 25]) await recordMocks('scan', () => scan(scheduledEvent(Date.parse(`2026-04-${day}T18:00:00+08:00`)), context()));
    vi.resetModules();
    process.env.OnlineQueryHours = '12';
    ({ handler: scan } = (await import('../../functions/scan.js')) as never);
    ({ handler: read } = (await import('../../functions/read.js')) as never);
    await recordMocks('scan', () => scan(scheduledEvent(Date.parse('2026-05-01T18:00:00+08:00')), context()));

    // Reads: a case (planned under older limits: re-folded in memory), the list, the timeline.
    const view = await recordMocks('read', () => read(restEvent('GET', `/v1/cases/${encodeURIComponent(C)}`, '/v1/cases/{caseNo}'), context()));
    expect(view.statusCode).toBe(200);
    const code = JSON.parse(view.body).publicCode as string;
    expect((await recordMocks('read', () => read(restEvent('GET', '/v1/cases', '/v1/cases', '', { overdue: 'true' }), context()))).statusCode).toBe(200);
    const timeline = { ...restEvent('GET', `/v1/public/cases/${encodeURIComponent(C)}/timeline`, '/v1/public/cases/{caseNo}/timeline', '', { code }), headers: {} };
    expect((await recordMocks('read', () => read(timeline, context()))).statusCode).toBe(200);
    expect([...called.intake].length).toBeGreaterThan(0);
  }, 240_000);

  it('the synthesized roles allow exactly those actions, function by function', () => {
    if (!called.intake.size) throw new Error('the flows did not run; see the test before');
    const built = synthesize();
    const template = built.serviceTemplate;
    const functions = resources(template, 'AWS::Lambda::Function');
    const policies = Object.values(resources(template, 'AWS::IAM::Policy'));
    const granted = (service: string): string[] => {
      const fn = Object.values(functions).find((f) => (f.Properties.Environment as { Variables: Record<string, unknown> }).Variables.POWERTOOLS_SERVICE_NAME === service);
      const role = JSON.stringify((fn?.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]);
      const actions = policies
        .filter((p) => JSON.stringify(p.Properties.Roles).includes(role))
        .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Array<{ Action: string | string[] }> }).Statement.flatMap((s) => s.Action));
      return [...new Set(actions)].filter((a) => /^(dynamodb|sqs|sns|secretsmanager):/.test(a)).sort();
    };
    const report = Object.fromEntries((Object.keys(called) as Fn[]).map((fn) => [fn, { granted: granted(fn), called: [...called[fn]].sort() }]));
    console.log('least privilege figures', JSON.stringify(report));
    // The SQS event source polls the queue with apply's role: those are the poller's calls, not the code's.
    const POLLER = ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'];
    expect(report.apply?.granted).toEqual(expect.arrayContaining(POLLER));
    for (const fn of Object.keys(called) as Fn[]) {
      expect(report[fn]?.granted.filter((a) => fn !== 'apply' || !POLLER.includes(a)), fn).toEqual(report[fn]?.called);
    }
    // The custom resource that sizes the WAF limits calls no AWS service at all.
    expect(granted('fair-use-limits')).toEqual([]);
  }, SYNTH_TIMEOUT_MS);
});
