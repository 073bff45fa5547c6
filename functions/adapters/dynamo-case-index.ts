/**
 * `CaseIndex` on DynamoDB: the two global secondary indexes over case snapshots —
 * `due` (sparse, sharded: what the scan reads) and `listing` (a court's cases by earliest
 * open due time: overdue at any moment is a key range). Both are written only through
 * snapshot writes. Listing positions come in validated (`lib/list-cursor.ts`); the start
 * key is built here from them, never taken from a client.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseTeam } from '../../lib/limits.js';
import { caseNoOfListingKey, type DuesByTeam, padInstant } from '../../lib/listing.js';
import type { CaseIndex, CaseRecord, CaseSummary, ListPosition, ListQuery, Page } from '../../lib/ports.js';
import type { Instant } from '../../lib/time.js';
import { recordOf } from './dynamo-case-snapshots.js';
import { decodeCursor, type DynamoTable, encodeCursor } from './dynamo-table.js';
import { COURT_INDEX, DUE_INDEX } from './table-design.js';
import { caseNoOfPk, dueShardKey, listingStartKey } from './table-keys.js';

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

  async listCases(court: string, query: ListQuery): Promise<{ items: CaseSummary[]; next?: ListPosition }> {
    const { doc, name } = this.table;
    const now = padInstant(query.now);
    // Overdue at `now`: the earliest open due time lies before it (`listDue < now`).
    const range =
      query.overdue === true
        ? { condition: 'listCourt = :c AND listDue < :now', values: { ':now': now } }
        : query.overdue === false
          ? { condition: 'listCourt = :c AND listDue >= :now', values: { ':now': now } }
          : { condition: 'listCourt = :c', values: {} };
    // Positions are from an earlier moment: past the overdue range's end nothing is left; a
    // position before the not-overdue range's start (its case went overdue since) starts it again.
    if (query.overdue === true && query.after && query.after.key >= now) return { items: [] };
    let start: Record<string, unknown> | undefined =
      query.after && !(query.overdue === false && query.after.key < now) ? listingStartKey(court, query.after.key, caseNoOfListingKey(query.after.key) ?? '') : undefined;
    const items: CaseSummary[] = [];
    do {
      const out = await this.table.call('Query', () =>
        doc.send(
          new QueryCommand({
            TableName: name,
            IndexName: COURT_INDEX,
            KeyConditionExpression: range.condition,
            ...(query.team ? { FilterExpression: 'team = :t' } : {}),
            ExpressionAttributeValues: { ':c': court, ...range.values, ...(query.team ? { ':t': query.team } : {}) },
            Limit: query.limit - items.length,
            ExclusiveStartKey: start,
          }),
        ),
      );
      for (const item of out.Items ?? []) {
        items.push({
          caseNo: caseNoOfPk(item.pk),
          team: item.team as CaseTeam,
          status: item.status === 'closed' ? 'closed' : 'open',
          paused: item.paused === true,
          dues: (item.dues ?? {}) as DuesByTeam,
        });
      }
      start = out.LastEvaluatedKey;
    } while (start && items.length < query.limit);
    const last = start ? String((start as { listDue?: unknown }).listDue ?? '') : undefined;
    return { items, ...(last ? { next: { key: last } } : {}) };
  }
}
