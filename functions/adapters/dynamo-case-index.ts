/**
 * `CaseIndex` on DynamoDB: the two global secondary indexes over case snapshots —
 * `due` (sparse, sharded: what the scan reads) and `byCourt` (a court's cases, overdue
 * first: the listing). Both are written only through snapshot writes.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { MalformedRequestError } from '../../lib/errors.js';
import type { CaseTeam } from '../../lib/limits.js';
import type { CaseIndex, CaseRecord, CaseSummary, Page } from '../../lib/ports.js';
import type { Instant } from '../../lib/time.js';
import { recordOf } from './dynamo-case-snapshots.js';
import { decodeCursor, type DynamoTable, encodeCursor } from './dynamo-table.js';
import { COURT_INDEX, DUE_INDEX } from './table-design.js';
import { caseNoOfPk, dueShardKey, listPrefix } from './table-keys.js';

export class DynamoCaseIndex implements CaseIndex {
  readonly dueShards: number;

  constructor(private readonly table: DynamoTable) {
    this.dueShards = table.dueShards;
  }

  async dueCases(shard: number, until: Instant, cursor?: string, limit = 100): Promise<Page<CaseRecord>> {
    const { doc, name } = this.table;
    const bounded = Number.isFinite(until);
    const out = await this.table.call('Query', () =>
      doc.send(
        new QueryCommand({
          TableName: name,
          IndexName: DUE_INDEX,
          KeyConditionExpression: bounded ? 'dueShard = :s AND nextCheckAt <= :until' : 'dueShard = :s',
          ExpressionAttributeValues: { ':s': dueShardKey(shard), ...(bounded ? { ':until': until } : {}) },
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor),
        }),
      ),
    );
    const next = encodeCursor(out.LastEvaluatedKey);
    return { items: (out.Items ?? []).map(recordOf), ...(next ? { next } : {}) };
  }

  async listCases(court: string, options: { team?: CaseTeam; overdue?: boolean; cursor?: string; limit?: number }): Promise<Page<CaseSummary>> {
    const { doc, name } = this.table;
    // Key ranges to read, in order: overdue first.
    const ranges = options.overdue === undefined ? [true, false] : [options.overdue];
    const prefixes = ranges.map((overdue) => listPrefix(overdue, options.team));
    const position = listCursor(options.cursor, prefixes.length);
    const limit = options.limit ?? 50;
    const items: CaseSummary[] = [];
    for (let i = position.i ?? 0; i < prefixes.length; i++) {
      let start = i === position.i ? position.k : undefined;
      do {
        const out = await this.table.call('Query', () =>
          doc.send(
            new QueryCommand({
              TableName: name,
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
            caseNo: caseNoOfPk(item.pk),
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
