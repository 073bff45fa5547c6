/**
 * `DigestJournal` on DynamoDB: per court one item per finding raised and per node done
 * late, sorted by the moment it is filed under (`J#<court>` / `<moment>#<caseNo>#…`), so
 * the morning digest reads what happened since the last digest with one query.
 */
import { type JournalEntry, journalAt } from '../../lib/digest.js';
import { nodeKey } from '../../lib/nodes.js';
import type { DigestJournal } from '../../lib/ports.js';
import type { Instant } from '../../lib/time.js';
import type { DynamoTable } from './dynamo-table.js';
import { journalPk, journalRange, journalSk } from './table-keys.js';

export class DynamoDigestJournal implements DigestJournal {
  constructor(private readonly table: DynamoTable) {}

  async record(court: string, entries: readonly JournalEntry[]): Promise<void> {
    await this.table.batchPut(
      entries.map((e) => ({
        pk: journalPk(court),
        sk: journalSk(journalAt(e), e.caseNo, e.kind === 'finding' ? `F#${e.code}` : `L#${nodeKey(e.node, e.instance)}`),
        entry: JSON.stringify(e),
      })),
    );
  }

  async entriesBetween(court: string, from: Instant, to: Instant): Promise<JournalEntry[]> {
    const range = journalRange(from, to);
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': journalPk(court), ':from': range.from, ':to': range.to },
    });
    return items.map((item) => JSON.parse(String(item.entry)) as JournalEntry);
  }
}
