/**
 * The whole system on one machine: the same handler modules as in AWS, with adapters
 * swapped at the edge — dynalite (a real DynamoDB API, on disk) for DynamoDB, a
 * journaled in-process queue for SQS, a file outbox for SNS, `COURT_SECRETS` for
 * Secrets Manager, a timer for the EventBridge rule.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEvent, ScheduledEvent } from 'aws-lambda';
import { tokenLogin } from '../lib/app/board-login.js';
import { rulesFor, type Rules } from '../lib/app/case-records.js';
import { ConfigurationError } from '../lib/errors.js';
import type { Limits } from '../lib/limits.js';
import type { CaseQueue, DigestPublisher, NoticePublisher, SessionKeys, Stores } from '../lib/ports.js';
import { parseOffsetDateTime, toChinaIso } from '../lib/time.js';
import { dynamoStores } from '../functions/adapters/dynamo-stores.js';
import { createTableInput } from '../functions/adapters/table-design.js';
import { makeApplyHandler } from '../functions/handlers/apply.js';
import { makeIntakeHandler } from '../functions/handlers/intake.js';
import { BOARD_ROUTES, METRICS_ROUTES, READ_ROUTES } from '../functions/commons/routes.js';
import { makeBoardHandler } from '../functions/handlers/board.js';
import { makeMetricsHandler } from '../functions/handlers/metrics.js';
import { makeReadHandler } from '../functions/handlers/read.js';
import { makeScanHandler, type ScanSummary } from '../functions/handlers/scan.js';
import { lockDataDir } from './data-dir-lock.js';
import { latestDigestMoment, runDigest } from '../lib/app/digest.js';
import type { Digest } from '../lib/digest.js';
import { startDynaliteThread } from './dynalite-thread.js';
import { type IndexRepair, repairIndexes } from './index-repair.js';
import { type CodesByCourt, courtCodesFrom } from '../lib/court-codes.js';
import { StaticCourtKeys } from './env-court-keys.js';
import { createHttpServer, lambdaContext, type Route } from './http-server.js';
import { LocalOutbox, type OutboxEntry } from './local-outbox.js';
import { LocalQueue, type LocalQueueOptions } from './local-queue.js';
import { fairUseAdmission } from './rate-limit.js';

export const TABLE_NAME = 'cases';
/**
 * Written in the data directory while a process has the store open, removed by a clean
 * stop: found at start, it says the last process died and the store's indexes may be
 * cut half-way (`index-repair.ts`).
 */
export const OPEN_MARKER = 'store.open';

export interface LocalSystemOptions {
  /** Data directory; everything in memory when absent (tests). */
  readonly dataDir?: string;
  /** HTTP port; 0 picks a free one; no server when absent. */
  readonly port?: number;
  readonly limits: Limits;
  readonly courtSecrets: Readonly<Record<string, string>>;
  /** Court codes per court (`COURT_SECRETS` object form); a court absent here has none. */
  readonly courtCodes?: CodesByCourt;
  /** Milliseconds between scans on the timer; no timer when absent. */
  readonly scanEveryMs?: number;
  readonly queue?: LocalQueueOptions;
  /** Prints each published notice (the console of `npm start`). */
  readonly printNotice?: (entry: OutboxEntry) => void;
  /** Fault injection at the adapter edge (tests). */
  readonly decorate?: {
    readonly dynamo?: (client: DynamoDBClient) => void;
    readonly stores?: (stores: Stores) => Stores;
    readonly queue?: (queue: CaseQueue) => CaseQueue;
    readonly publisher?: (publisher: NoticePublisher) => NoticePublisher;
    readonly digestPublisher?: (publisher: DigestPublisher) => DigestPublisher;
  };
  /** Wall clock of the intake and apply (tests move it). */
  readonly clock?: () => number;
  /** Lease of a notice claim (tests shorten it to retry crashed claims quickly). */
  readonly claimLeaseMs?: number;
  /** The board's login token (`BOARD_TOKEN`); random when absent. */
  readonly boardToken?: string;
}

/** The board's files, served at `GET /` and `GET /board/{file}`. */
export const BOARD_DIR = fileURLToPath(new URL('../board/', import.meta.url));

export interface LocalScanResult extends Omit<ScanSummary, 'notices'> {
  /** What this scan published, as the outbox holds it. */
  readonly notices: readonly OutboxEntry[];
}

/** What `POST /local/digest` answers (README "Local mode"). */
export interface LocalDigestResult {
  /** The digest moment built: the latest at or before the time asked. */
  readonly at: string;
  readonly previousAt?: string;
  readonly nextAt?: string;
  /** Digests published by this call (0 when the moment's digests were sent before). */
  readonly sent: number;
  readonly failed: number;
  /** Per court: `sent`, `alreadySent` (an earlier run sent them), `busy` (another run is sending them), `failed`. */
  readonly courts: ReadonlyArray<{ court: string; status: string }>;
  /** The digests of the moment, as built now. */
  readonly digests: readonly Digest[];
}

export interface LocalSystem {
  /** Base URL of the HTTP front (when a port was given). */
  readonly url?: string;
  /** Routes the HTTP front serves, as `METHOD /path/{param}` (when a port was given). */
  readonly routes: readonly string[];
  readonly rules: Rules;
  /** Every store port (each handler below is given only its share). */
  readonly stores: Stores;
  readonly queue: LocalQueue;
  readonly outbox: LocalOutbox;
  readonly dynamoEndpoint: string;
  /** What the start-up repaired after an unclean stop (absent after a clean one). */
  readonly repair?: IndexRepair;
  /** The board's login URL for a court (without one: the first configured court); valid while this system runs. */
  loginUrl(court?: string): string;
  /** Runs one scan as of `time`, exactly as the scheduled rule would. */
  scan(time: number): Promise<LocalScanResult>;
  /** Builds and sends the digests of the latest digest moment at or before `time`, once (undefined: none within a year). */
  digest(time: number): Promise<LocalDigestResult | undefined>;
  /** Resolves when the queue is empty. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Creates the table on a new store and waits until it is active (dynalite answers "not
 * found" before). A table made by an older version that lacks an index of today's design
 * cannot be used (the local store adds no index to an existing table): that is said
 * plainly rather than failing on the first listing.
 */
export async function ensureTable(client: DynamoDBClient, dataDir?: string): Promise<void> {
  const describe = () =>
    client.send(new DescribeTableCommand({ TableName: TABLE_NAME })).then(
      (out) => out.Table,
      (error: unknown) => {
        if (error instanceof ResourceNotFoundException) return undefined;
        throw error;
      },
    );
  const existing = await describe();
  if (existing === undefined) await client.send(new CreateTableCommand(createTableInput(TABLE_NAME)));
  else {
    const have = new Set((existing.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
    const missing = createTableInput(TABLE_NAME).GlobalSecondaryIndexes.map((i) => i.IndexName).filter((name) => !have.has(name));
    if (missing.length) {
      throw new ConfigurationError([
        `DATA_DIR ${dataDir ?? ''}: 数据由旧版本创建，缺少索引 ${missing.join(', ')}；请使用新的 DATA_DIR（旧目录可保留备查）/ made by an older version, without the index ${missing.join(', ')}; start with a new DATA_DIR (keep the old one for reference)`,
      ]);
    }
  }
  for (let i = 0; (await describe())?.TableStatus !== 'ACTIVE'; i++) {
    if (i > 500) throw new Error(`table ${TABLE_NAME} did not become active`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function scheduledEvent(time: number): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: new Date(time).toISOString(),
    region: 'local',
    resources: ['arn:aws:events:local:000000000000:rule/deadline-scan'],
    detail: {},
  };
}

export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const { dataDir } = options;
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const lock = dataDir ? await lockDataDir(dataDir) : undefined;
  const dynamo = await startDynaliteThread(dataDir ? { path: join(dataDir, 'dynamodb') } : {}).catch(async (error: unknown) => {
    await lock?.release();
    throw error;
  });
  const dynamoEndpoint = dynamo.endpoint;
  const client = new DynamoDBClient({
    endpoint: dynamoEndpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  // After an unclean stop, before anything reads or writes: indexes made whole again.
  const marker = dataDir ? join(dataDir, OPEN_MARKER) : undefined;
  const repair = await (async () => {
    await ensureTable(client, dataDir);
    const unclean = marker !== undefined && (await stat(marker).then(() => true, () => false));
    const repaired = unclean ? await repairIndexes(client, TABLE_NAME) : undefined;
    if (marker) await writeFile(marker, `${process.pid}\n`);
    return repaired;
  })().catch(async (error: unknown) => {
    // Nothing left running or locked by a start that failed.
    client.destroy();
    await dynamo.close();
    await lock?.release();
    throw error;
  });
  options.decorate?.dynamo?.(client);

  const rules = rulesFor(options.limits);
  const clock = options.clock ?? Date.now;
  const baseStores = dynamoStores(client, { tableName: TABLE_NAME });
  const stores = options.decorate?.stores?.(baseStores) ?? baseStores;
  const { events, snapshots, history, ledger, index, meta, metrics, journal } = stores;
  const queue = new LocalQueue({
    ...(dataDir ? { journalPath: join(dataDir, 'queue.jsonl'), deadLetterPath: join(dataDir, 'dead-letter.jsonl') } : {}),
    ...options.queue,
  });
  const outbox = new LocalOutbox(dataDir ? join(dataDir, 'notices.jsonl') : undefined, options.printNotice);
  await outbox.open();
  await queue.open();
  const keys = new StaticCourtKeys(options.courtSecrets);
  const publisher = options.decorate?.publisher?.(outbox) ?? outbox;

  const codes = courtCodesFrom(options.courtCodes ?? {});
  const intake = makeIntakeHandler({ events, queue: options.decorate?.queue?.(queue) ?? queue, keys, codes, now: clock });
  const apply = makeApplyHandler({ events, snapshots, history, journal, rules, now: clock });
  // Board sessions are sealed with a key made for this run: a restart ends them all.
  const sessionKey = randomBytes(32).toString('base64url');
  const sessions: SessionKeys = { sessionKey: async () => sessionKey };
  const boardToken = options.boardToken ?? randomBytes(18).toString('base64url');
  const courts = Object.keys(options.courtSecrets);
  const read = makeReadHandler({ events, snapshots, history, ledger, index, keys, sessions, codes, rules, now: clock });
  const metricsRead = makeMetricsHandler({ metrics, keys, sessions, now: clock });
  const board = makeBoardHandler({ assetsDir: BOARD_DIR, login: tokenLogin(boardToken, courts), sessions, secureCookies: false, now: clock });
  const scanHandler = makeScanHandler({
    events,
    snapshots,
    history,
    ledger,
    index,
    meta,
    metrics,
    publisher,
    rules,
    wallClock: Date.now,
    ...(options.claimLeaseMs === undefined ? {} : { claimLeaseMs: options.claimLeaseMs }),
  });
  queue.start((event) => apply(event, lambdaContext('apply')));
  const digestDeps = {
    index,
    snapshots,
    journal,
    meta,
    publisher: options.decorate?.digestPublisher?.(outbox) ?? outbox,
    rules,
    courts,
    wallClock: Date.now,
    ...(options.claimLeaseMs === undefined ? {} : { claimLeaseMs: options.claimLeaseMs }),
  };
  const digest = async (time: number): Promise<LocalDigestResult | undefined> => {
    const at = latestDigestMoment(rules, time);
    if (at === undefined) return undefined;
    const report = await runDigest(digestDeps, { at, runId: randomUUID() });
    return {
      at: toChinaIso(report.at),
      ...(report.previousAt === undefined ? {} : { previousAt: toChinaIso(report.previousAt) }),
      ...(report.nextAt === undefined ? {} : { nextAt: toChinaIso(report.nextAt) }),
      sent: report.courts.reduce((n, c) => n + c.published, 0),
      failed: report.courts.reduce((n, c) => n + c.failed, 0),
      courts: report.courts.map((c) => ({ court: c.court, status: c.status })),
      digests: report.courts.flatMap((c) => c.digests),
    };
  };

  const scan = async (time: number): Promise<LocalScanResult> => {
    const { notices, ...summary } = await scanHandler(scheduledEvent(time), lambdaContext('scan', 15 * 60_000));
    const ids = new Set(notices.map((s) => s.noticeId));
    return { ...summary, notices: outbox.list().filter((e) => ids.has(e.attributes.noticeId ?? '')) };
  };

  let server: Server | undefined;
  let url: string | undefined;
  let routes: Route[] = [];
  if (options.port !== undefined) {
    routes = [
      { method: 'POST', path: '/v1/events', handler: intake },
      ...Object.values(READ_ROUTES).map((key) => {
        const [method = 'GET', path = '/'] = key.split(' ');
        return { method, path, handler: read };
      }),
      ...Object.values(METRICS_ROUTES).map((key) => {
        const [method = 'GET', path = '/'] = key.split(' ');
        return { method, path, handler: metricsRead };
      }),
      ...Object.values(BOARD_ROUTES).map((key) => {
        const [method = 'GET', path = '/'] = key.split(' ');
        return { method, path, handler: board };
      }),
      { method: 'POST', path: '/local/scan', handler: async (event) => localTimeRoute(bodyText(event), scan, 'scan') },
      { method: 'POST', path: '/local/digest', handler: async (event) => localTimeRoute(bodyText(event), digest, 'digest') },
      { method: 'GET', path: '/local/notices', handler: async () => jsonResult(200, outbox.list()) },
      {
        method: 'GET',
        path: '/local/health',
        handler: async () =>
          jsonResult(200, { queueDepth: queue.depth, queue: queue.stats, notices: outbox.list().length, duplicatesDropped: outbox.duplicatesDropped }),
      },
    ];
    server = createHttpServer(routes, { admit: fairUseAdmission(options.limits, keys, { signatures: clock }) });
    url = `http://127.0.0.1:${await listen(server, options.port)}`;
  }

  let timer: NodeJS.Timeout | undefined;
  let scanning = false;
  if (options.scanEveryMs) {
    timer = setInterval(() => {
      if (scanning) return; // a slow scan is not overlapped by the timer
      scanning = true;
      scan(Date.now())
        .catch(() => undefined) // the next tick retries; the scan handler logged the fault
        .finally(() => (scanning = false));
    }, options.scanEveryMs);
  }

  return {
    ...(url ? { url } : {}),
    routes: routes.map((r) => `${r.method} ${r.path}`),
    rules,
    stores,
    queue,
    outbox,
    dynamoEndpoint,
    ...(repair ? { repair } : {}),
    loginUrl: (court) => `${url ?? ''}/login?token=${encodeURIComponent(boardToken)}${court ? `&court=${encodeURIComponent(court)}` : ''}`,
    scan,
    digest,
    drain: () => queue.drain(),
    close: async () => {
      if (timer) clearInterval(timer);
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await queue.stop();
      client.destroy();
      await dynamo.close();
      if (marker) await rm(marker, { force: true });
      await lock?.release(); // last: the directory is free only once the store is closed and clean
    },
  };
}

/** The body of a local route's request as text (the front hands bodies over base64-encoded, as API Gateway does). */
function bodyText(event: APIGatewayProxyEvent): string | undefined {
  if (event.body === null) return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

function jsonResult(statusCode: number, body: unknown) {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

/** `POST /local/scan` and `POST /local/digest`: `{ "time": "<ISO 8601>" }` (default now), run once. */
async function localTimeRoute(body: string | undefined, run: (time: number) => Promise<unknown>, what: 'scan' | 'digest') {
  let time: number | undefined;
  try {
    const parsed = JSON.parse(body || '{}') as { time?: unknown };
    time = parsed.time === undefined ? Date.now() : typeof parsed.time === 'string' ? parseOffsetDateTime(parsed.time) : undefined;
  } catch {
    return jsonResult(400, { error: 'body is not JSON; expected {"time": "2026-12-04T10:00:00+08:00"}' });
  }
  if (time === undefined) {
    return jsonResult(400, { error: 'invalid body', errors: [{ path: 'time', message: 'expected ISO 8601 with an offset, e.g. 2026-12-04T10:00:00+08:00' }] });
  }
  try {
    const result = await run(time);
    if (result === undefined) {
      return jsonResult(400, { error: 'invalid body', errors: [{ path: 'time', message: 'no DigestSchedule moment within a year before this time; expected a later time' }] });
    }
    return jsonResult(200, result);
  } catch {
    return jsonResult(503, { error: `the ${what} failed part way; run it again (it is idempotent)` });
  }
}
