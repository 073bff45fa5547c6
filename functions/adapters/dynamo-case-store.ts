/**
 * `CaseStore` on DynamoDB (the real service, or dynalite in the local mode and tests).
 * Item layout and access patterns: `table-design.ts`. Every write that must not race
 * is conditional; there are no transactions. SDK faults that may pass (throttling,
 * 5xx, network) surface as `StoreUnavailableError`.
 */
import { createHash } from 'node:crypto';
import { isThrottlingError, isTransientError } from '@smithy/core/retry';
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  DynamoDBServiceException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { CaseState } from '../../lib/case-state.js';
import type { Notice, SentLevels } from '../../lib/escalation.js';
import { eventBody, type StoredEvent } from '../../lib/events.js';
import type { PriorTermination } from '../../lib/facts.js';
import { MalformedRequestError } from '../../lib/errors.js';
import type { CaseTeam } from '../../lib/limits.js';
import { nodeKey } from '../../lib/nodes.js';
import {
  type CaseRecord,
  type CaseStore,
  type CaseSummary,
  type ClaimCaseOutcome,
  type LedgerEntry,
  type Page,
  type RespondentFiling,
  type SaveEventOutcome,
  StoreUnavailableError,
} from '../../lib/ports.js';
import type { Instant } from '../../lib/time.js';
import { pack, unpack } from './codec.js';
import { COURT_INDEX, DUE_INDEX, DUE_SHARDS, shardOf } from './table-design.js';

type Item = Record<string, unknown>;

const CASE_SK = '#CASE';
const OWNER_SK = '#OWNER';
const WAIT_SK = '#WAIT';
const caseKey = (caseNo: string) => `C#${caseNo}`;
const idKey = (court: string, eventId: string) => ({ pk: `I#${court}#${eventId}`, sk: '#ID' });
const ledgerSk = (n: Pick<Notice, 'node' | 'instance' | 'level'>) => `N#${nodeKey(n.node, n.instance)}#${n.level}`;
const pad = (t: Instant) => String(Math.max(0, Math.floor(t))).padStart(15, '0');

const hashOf = (event: StoredEvent) => createHash('sha256').update(eventBody(event)).digest('base64url');

function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException;
}

/**
 * Runs an SDK call (after the SDK's own retries). Throttling, server and network faults
 * become `StoreUnavailableError`; a conditional failure is an answer; any other client
 * fault is a bug and passes through as itself.
 */
async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isConditionFailure(error)) throw error;
    const clientFault = error instanceof DynamoDBServiceException && error.$fault === 'client';
    const sdkError = error as Parameters<typeof isThrottlingError>[0];
    if (clientFault && !isThrottlingError(sdkError) && !isTransientError(sdkError)) throw error;
    throw new StoreUnavailableError(`DynamoDB ${what} failed`, { cause: error });
  }
}

/** The position in a listing a cursor names; anything else is the client's error. */
function listCursor(cursor: string | undefined, ranges: number): { i?: number; k?: Record<string, unknown> } {
  if (!cursor) return {};
  let position: unknown;
  try {
    position = decodeCursor(cursor);
  } catch {
    position = undefined;
  }
  const p = position as { i?: unknown; k?: unknown } | undefined;
  const validKey = p?.k === undefined || (typeof p.k === 'object' && p.k !== null && !Array.isArray(p.k) &&
    Object.values(p.k).every((v) => typeof v === 'string'));
  if (!p || !Number.isInteger(p.i) || (p.i as number) < 0 || (p.i as number) >= ranges || !validKey) {
    throw new MalformedRequestError('invalid query', [{ path: 'cursor', message: 'expected the "next" value of a previous page of the same listing' }]);
  }
  return p as { i: number; k?: Record<string, unknown> };
}

function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RangeError('cursor is not a page key');
  return value as Record<string, unknown>;
}

export interface DynamoCaseStoreOptions {
  readonly tableName: string;
  readonly dueShards?: number;
}

export class DynamoCaseStore implements CaseStore {
  readonly dueShards: number;
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;

  constructor(client: DynamoDBClient, options: DynamoCaseStoreOptions) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    this.table = options.tableName;
    this.dueShards = options.dueShards ?? DUE_SHARDS;
  }

  // ---- intake ----------------------------------------------------------------------

  async caseOwners(caseNos: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const owners = new Map<string, string>();
    for (let i = 0; i < caseNos.length; i += 100) {
      let keys: Item[] = caseNos.slice(i, i + 100).map((c) => ({ pk: caseKey(c), sk: OWNER_SK }));
      for (let attempt = 0; keys.length; attempt++) {
        if (attempt > 8) throw new StoreUnavailableError('DynamoDB BatchGetItem kept leaving keys unprocessed');
        if (attempt) await backoff(attempt);
        const out = await call('BatchGetItem', () =>
          this.doc.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ProjectionExpression: 'caseNo, court' } } })),
        );
        for (const item of out.Responses?.[this.table] ?? []) owners.set(String(item.caseNo), String(item.court));
        keys = (out.UnprocessedKeys?.[this.table]?.Keys as Item[] | undefined) ?? [];
      }
    }
    return owners;
  }

  async claimCase(caseNo: string, court: string, at: Instant): Promise<ClaimCaseOutcome> {
    const owned = await this.conditional('PutItem', () =>
      this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: caseKey(caseNo), sk: OWNER_SK, caseNo, court, claimedAt: at },
          ConditionExpression: 'attribute_not_exists(pk) OR court = :court',
          ExpressionAttributeValues: { ':court': court },
        }),
      ),
    );
    return owned ? 'owned' : 'taken';
  }

  async saveEvent(event: StoredEvent, receivedAt: Instant): Promise<SaveEventOutcome> {
    const hash = hashOf(event);
    const id = idKey(event.court, event.eventId);
    const stored = await this.conditional('PutItem', () =>
      this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...id, caseNo: event.caseNo, hash, receivedAt, body: JSON.stringify(event) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    if (stored) return 'accepted';
    const seen = await call('GetItem', () =>
      this.doc.send(new GetCommand({ TableName: this.table, Key: id, ConsistentRead: true, ProjectionExpression: 'caseNo, #h', ExpressionAttributeNames: { '#h': 'hash' } })),
    );
    return seen.Item?.hash === hash && seen.Item.caseNo === event.caseNo ? 'duplicate' : 'conflict';
  }

  async loadEvents(refs: readonly string[]): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    const unique = [...new Set(refs)];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Item[] = unique.slice(i, i + 100).map((ref) => ({ pk: `I#${ref}`, sk: '#ID' }));
      for (let attempt = 0; keys.length; attempt++) {
        if (attempt > 8) throw new StoreUnavailableError('DynamoDB BatchGetItem kept leaving keys unprocessed');
        if (attempt) await backoff(attempt);
        const out = await call('BatchGetItem', () =>
          this.doc.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'body' } } })),
        );
        for (const item of out.Responses?.[this.table] ?? []) events.push(JSON.parse(String(item.body)) as StoredEvent);
        keys = (out.UnprocessedKeys?.[this.table]?.Keys as Item[] | undefined) ?? [];
      }
    }
    if (events.length !== unique.length) throw new StoreUnavailableError(`${unique.length - events.length} referenced event(s) not found`);
    return events;
  }

  async addWaiting(caseNo: string, refs: readonly string[]): Promise<void> {
    if (!refs.length) return;
    await call('UpdateItem', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: caseKey(caseNo), sk: WAIT_SK },
          UpdateExpression: 'ADD refs :refs',
          ExpressionAttributeValues: { ':refs': new Set(refs) },
        }),
      ),
    );
  }

  async waitingRefs(caseNo: string): Promise<string[]> {
    const out = await call('GetItem', () =>
      this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: caseKey(caseNo), sk: WAIT_SK }, ConsistentRead: true })),
    );
    return out.Item?.refs instanceof Set ? [...(out.Item.refs as Set<string>)] : [];
  }

  // ---- snapshots -------------------------------------------------------------------

  async getCase(caseNo: string): Promise<CaseRecord | undefined> {
    const out = await call('GetItem', () =>
      this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: caseKey(caseNo), sk: CASE_SK }, ConsistentRead: true })),
    );
    return out.Item ? toRecord(out.Item) : undefined;
  }

  async loadCase(caseNo: string): Promise<{ record?: CaseRecord; waiting: string[]; ledger: LedgerEntry[] }> {
    const items = await this.queryAll({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': caseKey(caseNo) },
      ConsistentRead: true,
    });
    let record: CaseRecord | undefined;
    let waiting: string[] = [];
    const ledger: LedgerEntry[] = [];
    for (const item of items) {
      const sk = String(item.sk);
      if (sk === CASE_SK) record = toRecord(item);
      else if (sk === WAIT_SK && item.refs instanceof Set) waiting = [...(item.refs as Set<string>)];
      else if (sk.startsWith('N#')) ledger.push(toLedger(item));
    }
    return { ...(record ? { record } : {}), waiting, ledger };
  }

  async putCase(record: CaseRecord, expectedVersion: number | undefined): Promise<boolean> {
    return this.conditional('PutItem', () =>
      this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...this.toItem(record), refs: pack(record.eventRefs ?? []) },
          ...(expectedVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
        }),
      ),
    );
  }

  async updateCase(record: CaseRecord, expectedVersion: number): Promise<boolean> {
    const { pk, sk, ...attributes } = this.toItem(record);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':expected': expectedVersion };
    const set = Object.entries(attributes).map(([name, value], i) => {
      names[`#a${i}`] = name;
      values[`:a${i}`] = value;
      return `#a${i} = :a${i}`;
    });
    // Leaving the scan index is removing its keys (the index is sparse).
    const remove = record.nextCheckAt === undefined ? ' REMOVE nextCheckAt, dueShard' : '';
    return this.conditional('UpdateItem', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk, sk },
          UpdateExpression: `SET ${set.join(', ')}${remove}`,
          ConditionExpression: 'version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    );
  }

  /** Runs a conditional write: false when the condition failed. */
  private async conditional(what: string, fn: () => Promise<unknown>): Promise<boolean> {
    try {
      await call(what, fn);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private toItem(r: CaseRecord): Item {
    const paused = r.state.pauses.some((p) => p.to === undefined);
    return {
      pk: caseKey(r.caseNo),
      sk: CASE_SK,
      version: r.version,
      // The fold, what was sent and the outbox, compressed: one write unit for most cases.
      body: pack({ state: r.state, sent: r.sent, outbox: r.outbox }),
      plannedWith: r.plannedWith,
      overdue: r.overdue,
      updatedAt: r.updatedAt,
      team: r.state.team,
      status: r.state.status,
      paused,
      // Sparse scan index: only a snapshot with something pending carries its keys.
      ...(r.nextCheckAt === undefined
        ? {}
        : { nextCheckAt: r.nextCheckAt, dueShard: String(shardOf(r.caseNo, this.dueShards)).padStart(2, '0') }),
      listCourt: r.court,
      // Overdue cases sort first (`O#`), then the others (`A#`): the command centre's
      // "overdue" view reads only what it shows. The key moves only when that flips.
      listKey: `${r.overdue > 0 ? 'O' : 'A'}#${r.state.team}#${r.caseNo}`,
    };
  }

  // ---- S7 history --------------------------------------------------------------------

  async priorTerminations(court: string, idHashes: readonly string[], from: Instant, to: Instant): Promise<PriorTermination[]> {
    const items = await this.respondentHistory(court, idHashes, 'T', from, to);
    return items.map(({ idHash, item }) => ({ idHash, caseNo: String(item.caseNo), closedAt: Number(item.closedAt) }));
  }

  async recordTerminations(court: string, entries: readonly PriorTermination[]): Promise<void> {
    await this.batchPut(
      entries.map((e) => ({ pk: `R#${court}#${e.idHash}`, sk: `T#${pad(e.closedAt)}#${e.caseNo}`, caseNo: e.caseNo, closedAt: e.closedAt })),
    );
  }

  async recordFilings(court: string, entries: readonly RespondentFiling[]): Promise<void> {
    await this.batchPut(
      entries.map((e) => ({ pk: `R#${court}#${e.idHash}`, sk: `F#${pad(e.filedAt)}#${e.caseNo}`, caseNo: e.caseNo, filedAt: e.filedAt })),
    );
  }

  async filingsBetween(court: string, idHashes: readonly string[], from: Instant, to: Instant): Promise<RespondentFiling[]> {
    const items = await this.respondentHistory(court, idHashes, 'F', from, to);
    return items.map(({ idHash, item }) => ({ idHash, caseNo: String(item.caseNo), filedAt: Number(item.filedAt) }));
  }

  /** A respondent's closings (`T`) or filings (`F`) in this court within [from, to]. */
  private async respondentHistory(court: string, idHashes: readonly string[], kind: 'T' | 'F', from: Instant, to: Instant) {
    const found: Array<{ idHash: string; item: Item }> = [];
    for (const idHash of new Set(idHashes)) {
      const items = await this.queryAll({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `R#${court}#${idHash}`, ':from': `${kind}#${pad(from)}`, ':to': `${kind}#${pad(to)}~` },
        // Strongly consistent: S7's "each side writes, then reads the other" needs it.
        ConsistentRead: true,
      });
      for (const item of items) found.push({ idHash, item });
    }
    return found;
  }

  // ---- scan index --------------------------------------------------------------------

  async dueCases(shard: number, until: Instant, cursor?: string, limit = 100): Promise<Page<CaseRecord>> {
    const bounded = Number.isFinite(until);
    const out = await call('Query', () =>
      this.doc.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: DUE_INDEX,
          KeyConditionExpression: bounded ? 'dueShard = :s AND nextCheckAt <= :until' : 'dueShard = :s',
          ExpressionAttributeValues: { ':s': String(shard).padStart(2, '0'), ...(bounded ? { ':until': until } : {}) },
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor),
        }),
      ),
    );
    const next = encodeCursor(out.LastEvaluatedKey);
    return { items: (out.Items ?? []).map(toRecord), ...(next ? { next } : {}) };
  }

  // ---- notice ledger -----------------------------------------------------------------

  async claimNotice(notice: Notice, by: string, at: Instant): Promise<{ claimed: true } | { claimed: false; entry: LedgerEntry }> {
    const key = { pk: caseKey(notice.caseNo), sk: ledgerSk(notice) };
    const claimed = await this.conditional('PutItem', () =>
      this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...key, noticeId: notice.noticeId, notice: JSON.stringify(notice), status: 'claimed', claimedAt: at, claimedBy: by },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    if (claimed) return { claimed: true };
    const out = await call('GetItem', () => this.doc.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true })));
    if (!out.Item) throw new StoreUnavailableError('ledger entry vanished between a failed claim and its read');
    return { claimed: false, entry: toLedger(out.Item) };
  }

  async takeOverNotice(entry: LedgerEntry, by: string, at: Instant): Promise<boolean> {
    return this.conditional('UpdateItem', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: caseKey(entry.notice.caseNo), sk: ledgerSk(entry.notice) },
          UpdateExpression: 'SET claimedBy = :by, claimedAt = :at',
          ConditionExpression: '#s = :claimed AND claimedBy = :oldBy AND claimedAt = :oldAt',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':by': by, ':at': at, ':claimed': 'claimed', ':oldBy': entry.claimedBy, ':oldAt': entry.claimedAt },
        }),
      ),
    );
  }

  async markNoticesSent(notices: readonly Notice[], by: string, at: Instant): Promise<void> {
    // Whole ledger items, overwritten: the claim is this run's, and a write of ten items
    // in one BatchWriteItem keeps the publish-to-record window to one request.
    await this.batchPut(
      notices.map((n) => ({
        pk: caseKey(n.caseNo),
        sk: ledgerSk(n),
        noticeId: n.noticeId,
        notice: JSON.stringify(n),
        status: 'sent',
        claimedAt: at,
        claimedBy: by,
        publishedAt: at,
      })),
    );
  }

  async releaseNotice(notice: Notice, by: string): Promise<void> {
    // Only our own, still-claimed entry; anything else means someone moved on already.
    await this.conditional('UpdateItem', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: caseKey(notice.caseNo), sk: ledgerSk(notice) },
          UpdateExpression: 'SET claimedAt = :zero',
          ConditionExpression: '#s = :claimed AND claimedBy = :by',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':zero': 0, ':claimed': 'claimed', ':by': by },
        }),
      ),
    );
  }

  async listNotices(caseNo: string): Promise<LedgerEntry[]> {
    const items = await this.queryAll({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :n)',
      ExpressionAttributeValues: { ':pk': caseKey(caseNo), ':n': 'N#' },
    });
    return items.map(toLedger).sort((a, b) => a.notice.decidedAt - b.notice.decidedAt || (a.notice.noticeId < b.notice.noticeId ? -1 : 1));
  }

  // ---- listing -----------------------------------------------------------------------

  async listCases(court: string, options: { team?: CaseTeam; overdue?: boolean; cursor?: string; limit?: number }): Promise<Page<CaseSummary>> {
    // Key ranges to read, in order: overdue first.
    const team = options.team ? `${options.team}#` : '';
    const prefixes = options.overdue === true ? [`O#${team}`] : options.overdue === false ? [`A#${team}`] : [`O#${team}`, `A#${team}`];
    const position = listCursor(options.cursor, prefixes.length);
    const limit = options.limit ?? 50;
    const items: CaseSummary[] = [];
    for (let i = position.i ?? 0; i < prefixes.length; i++) {
      let start = i === position.i ? position.k : undefined;
      do {
        const out = await call('Query', () =>
          this.doc.send(
            new QueryCommand({
              TableName: this.table,
              IndexName: COURT_INDEX,
              KeyConditionExpression: 'listCourt = :c AND begins_with(listKey, :p)',
              ExpressionAttributeValues: { ':c': court, ':p': prefixes[i] },
              Limit: limit - items.length,
              ExclusiveStartKey: start,
            }),
          ),
        );
        for (const item of out.Items ?? []) {
          items.push({
            caseNo: String(item.pk).slice(2), // C#<caseNo>
            team: item.team as CaseTeam,
            status: item.status === 'closed' ? 'closed' : 'open',
            overdue: Number(item.overdue ?? 0),
            paused: item.paused === true,
          });
        }
        start = out.LastEvaluatedKey;
        if (items.length >= limit) {
          const next = start ? { i, k: start } : i + 1 < prefixes.length ? { i: i + 1 } : undefined;
          return { items, ...(next ? { next: encodeCursor(next) ?? '' } : {}) };
        }
      } while (start);
    }
    return { items };
  }

  // ---- bookkeeping -------------------------------------------------------------------

  async getMeta<T>(name: string): Promise<{ value: T; version: number } | undefined> {
    const out = await call('GetItem', () =>
      this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: `META#${name}`, sk: '#META' }, ConsistentRead: true })),
    );
    return out.Item ? { value: JSON.parse(String(out.Item.value)) as T, version: Number(out.Item.version) } : undefined;
  }

  async putMeta<T>(name: string, value: T, expectedVersion: number | undefined): Promise<boolean> {
    return this.conditional('PutItem', () =>
      this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: `META#${name}`, sk: '#META', value: JSON.stringify(value), version: (expectedVersion ?? 0) + 1 },
          ...(expectedVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
        }),
      ),
    );
  }

  // ---- helpers -----------------------------------------------------------------------

  private async queryAll(input: QueryCommandInput): Promise<Item[]> {
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await call('Query', () => this.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start })));
      items.push(...((out.Items ?? []) as Item[]));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  private async batchPut(items: readonly Item[]): Promise<void> {
    for (let i = 0; i < items.length; i += 25) {
      let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length; attempt++) {
        if (attempt > 8) throw new StoreUnavailableError('DynamoDB BatchWriteItem kept leaving items unprocessed');
        if (attempt) await backoff(attempt);
        const out = await call('BatchWriteItem', () => this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: requests } })));
        requests = (out.UnprocessedItems?.[this.table] ?? []) as typeof requests;
      }
    }
  }
}

function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt) * Math.random()));
}

function toRecord(item: Item): CaseRecord {
  const body = unpack<{ state: CaseState; sent: SentLevels; outbox: Record<string, Notice> }>(item.body);
  return {
    caseNo: body.state.caseNo,
    court: body.state.court,
    version: Number(item.version),
    state: body.state,
    sent: body.sent,
    outbox: body.outbox,
    ...(item.refs === undefined ? {} : { eventRefs: unpack<string[]>(item.refs) }),
    plannedWith: String(item.plannedWith),
    ...(item.nextCheckAt === undefined ? {} : { nextCheckAt: Number(item.nextCheckAt) }),
    overdue: Number(item.overdue ?? 0),
    updatedAt: Number(item.updatedAt),
  };
}

function toLedger(item: Item): LedgerEntry {
  return {
    notice: JSON.parse(String(item.notice)) as Notice,
    status: item.status === 'sent' ? 'sent' : 'claimed',
    claimedAt: Number(item.claimedAt),
    claimedBy: String(item.claimedBy),
    ...(item.publishedAt === undefined ? {} : { publishedAt: Number(item.publishedAt) }),
  };
}
