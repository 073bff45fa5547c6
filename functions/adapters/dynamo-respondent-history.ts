/**
 * `RespondentHistory` on DynamoDB: per court and respondent (by id hash), one item per
 * 终本 closing (`T#…`) and per filing (`F#…`), sorted by time: S7 reads a window of either.
 */
import type { PriorTermination } from '../../lib/facts.js';
import type { RespondentFiling, RespondentHistory } from '../../lib/ports.js';
import type { Instant } from '../../lib/time.js';
import type { DynamoTable, Item } from './dynamo-table.js';
import { type HistoryKind, historyRange, historySk, respondentPk } from './table-keys.js';

export class DynamoRespondentHistory implements RespondentHistory {
  constructor(private readonly table: DynamoTable) {}

  async priorTerminations(court: string, idHashes: readonly string[], from: Instant, to: Instant): Promise<PriorTermination[]> {
    const items = await this.between(court, idHashes, 'T', from, to);
    return items.map(({ idHash, item }) => ({ idHash, caseNo: String(item.caseNo), closedAt: Number(item.closedAt) }));
  }

  async recordTerminations(court: string, entries: readonly PriorTermination[]): Promise<void> {
    await this.table.batchPut(
      entries.map((e) => ({ pk: respondentPk(court, e.idHash), sk: historySk('T', e.closedAt, e.caseNo), caseNo: e.caseNo, closedAt: e.closedAt })),
    );
  }

  async recordFilings(court: string, entries: readonly RespondentFiling[]): Promise<void> {
    await this.table.batchPut(
      entries.map((e) => ({ pk: respondentPk(court, e.idHash), sk: historySk('F', e.filedAt, e.caseNo), caseNo: e.caseNo, filedAt: e.filedAt })),
    );
  }

  async filingsBetween(court: string, idHashes: readonly string[], from: Instant, to: Instant): Promise<RespondentFiling[]> {
    const items = await this.between(court, idHashes, 'F', from, to);
    return items.map(({ idHash, item }) => ({ idHash, caseNo: String(item.caseNo), filedAt: Number(item.filedAt) }));
  }

  /** A respondent's closings (`T`) or filings (`F`) in this court within [from, to]. */
  private async between(court: string, idHashes: readonly string[], kind: HistoryKind, from: Instant, to: Instant) {
    const found: Array<{ idHash: string; item: Item }> = [];
    const range = historyRange(kind, from, to);
    for (const idHash of new Set(idHashes)) {
      const items = await this.table.queryAll({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': respondentPk(court, idHash), ':from': range.from, ':to': range.to },
        // Strongly consistent: S7's "each side writes, then reads the other" needs it.
        ConsistentRead: true,
      });
      for (const item of items) found.push({ idHash, item });
    }
    return found;
  }
}
