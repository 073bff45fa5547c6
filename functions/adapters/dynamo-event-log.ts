/**
 * `EventLog` on DynamoDB: accepted events by id (`I#…`, the only copy of each body),
 * case owners (`#OWNER`), events waiting for their filing (`#WAIT`) and the references
 * of every event accepted for a case (`#ACCEPTED`, what `pendingEvents` counts against
 * the snapshot's).
 */
import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError } from '../../lib/errors.js';
import { eventBody, eventRef, type StoredEvent } from '../../lib/events.js';
import type { ClaimCaseOutcome, EventLog, SaveEventOutcome } from '../../lib/ports.js';
import type { Instant } from '../../lib/time.js';
import type { DynamoTable } from './dynamo-table.js';
import { acceptedKey, eventKey, ownerKey, waitingKey } from './table-keys.js';

const hashOf = (event: StoredEvent) => createHash('sha256').update(eventBody(event)).digest('base64url');

export class DynamoEventLog implements EventLog {
  constructor(private readonly table: DynamoTable) {}

  async caseOwners(caseNos: readonly string[]): Promise<ReadonlyMap<string, string>> {
    // Eventually consistent: ownership never changes once claimed.
    const items = await this.table.batchGet(caseNos.map(ownerKey), { projection: 'caseNo, court' });
    return new Map(items.map((item) => [String(item.caseNo), String(item.court)]));
  }

  async claimCase(caseNo: string, court: string, at: Instant, token: string): Promise<ClaimCaseOutcome> {
    const { doc, name } = this.table;
    const claimed = await this.table.conditional('PutItem', () =>
      doc.send(
        new PutCommand({
          TableName: name,
          Item: { ...ownerKey(caseNo), caseNo, court, claimedAt: at, token },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    if (claimed) return 'claimed';
    // Eventually consistent is not enough here: the claim that just won must be seen.
    const owner = await this.table.call('GetItem', () =>
      doc.send(new GetCommand({ TableName: name, Key: ownerKey(caseNo), ConsistentRead: true, ProjectionExpression: 'court' })),
    );
    return owner.Item?.court === court ? 'owned' : 'taken';
  }

  async releaseClaim(caseNo: string, court: string, token: string): Promise<void> {
    const { doc, name } = this.table;
    await this.table.conditional('DeleteItem', () =>
      doc.send(
        new DeleteCommand({
          TableName: name,
          Key: ownerKey(caseNo),
          ConditionExpression: 'court = :court AND #t = :token',
          ExpressionAttributeNames: { '#t': 'token' },
          ExpressionAttributeValues: { ':court': court, ':token': token },
        }),
      ),
    );
  }

  recordAccepted(caseNo: string, refs: readonly string[]): Promise<void> {
    return this.addRefs(acceptedKey(caseNo), refs);
  }

  acceptedRefs(caseNo: string): Promise<string[]> {
    return this.refsAt(acceptedKey(caseNo));
  }

  async saveEvent(event: StoredEvent, receivedAt: Instant): Promise<SaveEventOutcome> {
    const { doc, name } = this.table;
    const hash = hashOf(event);
    const key = eventKey(eventRef(event));
    const stored = await this.table.conditional('PutItem', () =>
      doc.send(
        new PutCommand({
          TableName: name,
          Item: { ...key, caseNo: event.caseNo, hash, receivedAt, body: JSON.stringify(event) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    if (stored) return 'accepted';
    const seen = await this.table.call('GetItem', () =>
      doc.send(new GetCommand({ TableName: name, Key: key, ConsistentRead: true, ProjectionExpression: 'caseNo, #h', ExpressionAttributeNames: { '#h': 'hash' } })),
    );
    return seen.Item?.hash === hash && seen.Item.caseNo === event.caseNo ? 'duplicate' : 'conflict';
  }

  async loadEvents(refs: readonly string[]): Promise<StoredEvent[]> {
    const unique = [...new Set(refs)];
    const items = await this.table.batchGet(unique.map(eventKey), { consistent: true, projection: 'body' });
    if (items.length !== unique.length) throw new StoreUnavailableError(`${unique.length - items.length} referenced event(s) not found`);
    return items.map((item) => JSON.parse(String(item.body)) as StoredEvent);
  }

  addWaiting(caseNo: string, refs: readonly string[]): Promise<void> {
    return this.addRefs(waitingKey(caseNo), refs);
  }

  waitingRefs(caseNo: string): Promise<string[]> {
    return this.refsAt(waitingKey(caseNo));
  }

  /** Adds references to a string set item (`#WAIT`, `#ACCEPTED`): a repeat adds nothing. */
  private async addRefs(key: Record<string, unknown>, refs: readonly string[]): Promise<void> {
    if (!refs.length) return;
    const { doc, name } = this.table;
    await this.table.call('UpdateItem', () =>
      doc.send(new UpdateCommand({ TableName: name, Key: key, UpdateExpression: 'ADD refs :refs', ExpressionAttributeValues: { ':refs': new Set(refs) } })),
    );
  }

  /** The references a string set item holds (strongly consistent). */
  private async refsAt(key: Record<string, unknown>): Promise<string[]> {
    const { doc, name } = this.table;
    const out = await this.table.call('GetItem', () => doc.send(new GetCommand({ TableName: name, Key: key, ConsistentRead: true })));
    return waitingOf(out.Item);
  }
}

/** The references a `#WAIT` or `#ACCEPTED` item holds (a string set). */
export function waitingOf(item: Record<string, unknown> | undefined): string[] {
  return item?.refs instanceof Set ? [...(item.refs as Set<string>)] : [];
}
