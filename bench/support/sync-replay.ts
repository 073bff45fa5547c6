/**
 * Courts' months posted as their systems sync them (`courts.ts`) into a local system
 * whose DynamoDB calls are metered and whose clock is the sender's. After each request
 * the queue is drained, and `onSync` sees what that request (intake and apply) used.
 */
import type { Instant } from '../../lib/time.js';
import { type LocalSystem, startLocalSystem } from '../../local/system.js';
import { BENCH_LIMITS, courts, courtSecrets, courtsMonth, type PostResult, postEvents, type SyncRequest, syncRequests } from './courts.js';
import { DynamoMeter, type Usage } from './dynamo-meter.js';

export interface SyncStep {
  readonly request: SyncRequest;
  readonly posted: PostResult;
  /** What the post and its apply used. */
  readonly usage: Usage;
  readonly system: LocalSystem;
  readonly meter: DynamoMeter;
}

export async function replaySyncs(courtCount: number, seed: number, windowMs: number, onSync: (step: SyncStep) => Promise<void> | void): Promise<void> {
  const list = courts(courtCount);
  const requests = syncRequests(courtsMonth(list, seed), windowMs);
  const meter = new DynamoMeter();
  let now: Instant = requests[0]?.at ?? 0;
  const system = await startLocalSystem({
    port: 0,
    // Fair use opened wide: the benches measure the system, not the 429s.
    limits: BENCH_LIMITS,
    courtSecrets: courtSecrets(list),
    clock: () => now,
    decorate: { dynamo: (client) => meter.attach(client) },
    // Each request is drained before the next (to attribute its units): nothing could
    // join its batch, so the queue need not wait for more.
    queue: { batchWindowMs: 0 },
  });
  try {
    for (const request of requests) {
      now = request.at;
      meter.take();
      const posted = await postEvents(system.url ?? '', request);
      await system.drain();
      const usage = meter.take();
      if (posted.status !== 202) throw new Error(`bench: a sync answered ${posted.status}`);
      await onSync({ request, posted, usage, system, meter });
    }
  } finally {
    await system.close();
  }
}
