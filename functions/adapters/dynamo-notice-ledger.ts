/**
 * `NoticeLedger` on DynamoDB: one `N#<node>[#<instance>]#<level>` item per notice in its
 * case's partition, claimed with a conditional write before publishing and recorded as
 * sent after. Held, cancelled, superseded and suppressed notices are items of the same
 * key: every transition is a conditional write on the status it leaves
 * (`lib/notice-lifecycle.ts`).
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError } from '../../lib/errors.js';
import type { Notice } from '../../lib/escalation.js';
import { LEDGER_STATUSES, type LedgerStatus } from '../../lib/notice-lifecycle.js';
import type { LedgerEntry, LedgerWrite, NoticeLedger } from '../../lib/ports.js';
import type { Instant } from '../../lib/time.js';
import type { DynamoTable, Item } from './dynamo-table.js';
import { casePk, LEDGER_PREFIX, ledgerKey } from './table-keys.js';

export class DynamoNoticeLedger implements NoticeLedger {
  constructor(private readonly table: DynamoTable) {}

  async claimNotice(notice: Notice, by: string, at: Instant): Promise<{ claimed: true } | { claimed: false; entry: LedgerEntry }> {
    const outcome = await this.writeIf(notice, 'claimed', by, at, true);
    return outcome.written ? { claimed: true } : { claimed: false, entry: outcome.entry };
  }

  recordNotice(notice: Notice, status: 'held' | 'suppressed', by: string, at: Instant): Promise<LedgerWrite> {
    return this.writeIf(notice, status, by, at, false);
  }

  endHeldNotice(notice: Notice, status: 'cancelled' | 'superseded', by: string, at: Instant): Promise<LedgerWrite> {
    return this.writeIf(notice, status, by, at, true);
  }

  /**
   * Writes the entry with `status` if the notice has none yet (or, with `overHeld`, while
   * it is held); otherwise reads back what stands in the way.
   */
  private async writeIf(notice: Notice, status: LedgerStatus, by: string, at: Instant, overHeld: boolean): Promise<LedgerWrite> {
    const { doc, name } = this.table;
    const key = ledgerKey(notice);
    const written = await this.table.conditional('PutItem', () =>
      doc.send(
        new PutCommand({
          TableName: name,
          Item: { ...key, noticeId: notice.noticeId, notice: JSON.stringify(notice), status, claimedAt: at, claimedBy: by },
          ConditionExpression: overHeld ? 'attribute_not_exists(pk) OR #s = :held' : 'attribute_not_exists(pk)',
          ...(overHeld ? { ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':held': 'held' } } : {}),
        }),
      ),
    );
    if (written) return { written: true };
    const out = await this.table.call('GetItem', () => doc.send(new GetCommand({ TableName: name, Key: key, ConsistentRead: true })));
    if (!out.Item) throw new StoreUnavailableError('ledger entry vanished between a failed write and its read');
    return { written: false, entry: ledgerEntryOf(out.Item) };
  }

  async takeOverNotice(entry: LedgerEntry, by: string, at: Instant): Promise<boolean> {
    const { doc, name } = this.table;
    return this.table.conditional('UpdateItem', () =>
      doc.send(
        new UpdateCommand({
          TableName: name,
          Key: ledgerKey(entry.notice),
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
    await this.table.batchPut(
      notices.map((n) => ({
        ...ledgerKey(n),
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
    const { doc, name } = this.table;
    // Only our own, still-claimed entry; anything else means someone moved on already.
    await this.table.conditional('UpdateItem', () =>
      doc.send(
        new UpdateCommand({
          TableName: name,
          Key: ledgerKey(notice),
          UpdateExpression: 'SET claimedAt = :zero',
          ConditionExpression: '#s = :claimed AND claimedBy = :by',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':zero': 0, ':claimed': 'claimed', ':by': by },
        }),
      ),
    );
  }

  async listNotices(caseNo: string): Promise<LedgerEntry[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :n)',
      ExpressionAttributeValues: { ':pk': casePk(caseNo), ':n': LEDGER_PREFIX },
    });
    return items.map(ledgerEntryOf).sort((a, b) => a.notice.decidedAt - b.notice.decidedAt || (a.notice.noticeId < b.notice.noticeId ? -1 : 1));
  }
}

/** The entry a ledger item holds. */
export function ledgerEntryOf(item: Item): LedgerEntry {
  return {
    notice: JSON.parse(String(item.notice)) as Notice,
    status: (LEDGER_STATUSES as readonly string[]).includes(String(item.status)) ? (item.status as LedgerStatus) : 'claimed',
    claimedAt: Number(item.claimedAt),
    claimedBy: String(item.claimedBy),
    ...(item.publishedAt === undefined ? {} : { publishedAt: Number(item.publishedAt) }),
  };
}
