/**
 * Fault injection at the adapter edge: a share of DynamoDB, queue and publisher calls
 * fail or are throttled — some before the call takes effect, some after (the work is
 * done but the caller hears an error, the nastiest kind).
 */
import { StoreUnavailableError } from '../../lib/errors.js';
import { type DynamoDBClient, InternalServerError, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import type { Notice } from '../../lib/escalation.js';
import { type CaseQueue, type CaseWork, type NoticePublisher } from '../../lib/ports.js';

/** Seeded, so a failing run can be replayed with its seed. */
export { seededRandom as seeded } from '../../events/generate-month.js';

export interface FaultCounts {
  dynamoBefore: number;
  dynamoAfter: number;
  dynamoCalls: number;
  queueBefore: number;
  queueAfter: number;
  queueCalls: number;
  publishFailed: number;
  publishCalls: number;
}

export function newCounts(): FaultCounts {
  return { dynamoBefore: 0, dynamoAfter: 0, dynamoCalls: 0, queueBefore: 0, queueAfter: 0, queueCalls: 0, publishFailed: 0, publishCalls: 0 };
}

/**
 * Adds SDK middleware above the SDK's own retries, so every injected fault reaches the
 * adapter: `rate` of calls fail, a fifth of those after DynamoDB did the work.
 */
export function faultyDynamo(rate: number, random: () => number, counts: FaultCounts, enabled: () => boolean) {
  return (client: DynamoDBClient): void => {
    client.middlewareStack.add(
      (next) => async (args) => {
        if (!enabled()) return next(args);
        counts.dynamoCalls++;
        const roll = random();
        const fault = () =>
          roll < rate / 2
            ? new ProvisionedThroughputExceededException({ message: 'injected throttle', $metadata: {} })
            : new InternalServerError({ message: 'injected fault', $metadata: {} });
        if (roll < rate * 0.8) {
          counts.dynamoBefore++;
          throw fault();
        }
        const out = await next(args);
        if (roll < rate) {
          counts.dynamoAfter++;
          throw fault();
        }
        return out;
      },
      { step: 'initialize', priority: 'high', name: 'injectFaults' },
    );
  };
}

/** A queue whose enqueue fails now and then, before or after the messages are held. */
export function faultyQueue(rate: number, random: () => number, counts: FaultCounts) {
  return (queue: CaseQueue): CaseQueue => ({
    enqueue: async (work: readonly CaseWork[]) => {
      counts.queueCalls++;
      const roll = random();
      if (roll < rate * 0.8) {
        counts.queueBefore++;
        throw new StoreUnavailableError('injected queue fault');
      }
      await queue.enqueue(work);
      if (roll < rate) {
        counts.queueAfter++;
        throw new StoreUnavailableError('injected queue fault after enqueue');
      }
    },
  });
}

/** A publisher that refuses a share of the notices it is given (they are not sent). */
export function faultyPublisher(rate: number, random: () => number, counts: FaultCounts) {
  return (publisher: NoticePublisher): NoticePublisher => ({
    publish: async (notices: readonly Notice[]) => {
      counts.publishCalls++;
      const refused = notices.filter(() => random() < rate);
      counts.publishFailed += refused.length;
      const refusedIds = new Set(refused.map((n) => n.noticeId));
      const { failed } = await publisher.publish(notices.filter((n) => !refusedIds.has(n.noticeId)));
      return { failed: [...failed, ...refusedIds] };
    },
  });
}
