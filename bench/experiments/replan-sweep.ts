/**
 * The cost of the re-plan sweep after a change of limits: part 2's month (hourly syncs)
 * is applied, one scan brings every case up to date, then a scan under changed limits
 * re-plans every open case (re-fold from the stored events). Prints units and time per case.
 *
 *   npx tsx bench/experiments/replan-sweep.ts
 */
import '../../local/quiet-env.js';
import { rulesFor } from '../../lib/app/case-records.js';
import { runScan } from '../../lib/app/scan.js';
import { DEFAULT_LIMITS } from '../../lib/limits.js';
import { HOUR_MS } from '../../lib/time.js';
import { startLocalSystem } from '../../local/system.js';
import { UNIT_COURTS, UNIT_SEED } from '../event-units.js';
import { BENCH_LIMITS, courts, courtSecrets, courtsMonth, postEvents, syncRequests } from '../support/courts.js';
import { DynamoMeter, writeUnits } from '../support/dynamo-meter.js';
import { CountingPublisher } from '../support/scan-table.js';

const list = courts(UNIT_COURTS);
const requests = syncRequests(courtsMonth(list, UNIT_SEED), HOUR_MS);
const meter = new DynamoMeter();
let now = requests[0]?.at ?? 0;
const system = await startLocalSystem({ port: 0, limits: BENCH_LIMITS, courtSecrets: courtSecrets(list), clock: () => now, decorate: { dynamo: (c) => meter.attach(c) } });
try {
  for (const request of requests) {
    now = request.at;
    await postEvents(system.url ?? '', request);
    await system.drain();
  }
  const scanAt = now + HOUR_MS;
  await runScan({ ...system.stores, publisher: new CountingPublisher(), rules: system.rules, wallClock: Date.now }, { now: scanAt, runId: 'up-to-date' });
  meter.take();
  const changed = rulesFor({ ...DEFAULT_LIMITS, OnlineQueryHours: 12 });
  const started = performance.now();
  const report = await runScan({ ...system.stores, publisher: new CountingPublisher(), rules: changed, wallClock: Date.now }, { now: scanAt + 60_000, runId: 'changed-limits' });
  const seconds = (performance.now() - started) / 1000;
  const u = meter.take();
  const n = report.replanned;
  console.log(`re-planned ${n} open cases in ${seconds.toFixed(2)} s (${((seconds * 1000) / n).toFixed(1)} ms per case)`);
  console.log(`per case: ${(u.readUnits / n).toFixed(1)} RRU, ${(writeUnits(u) / n).toFixed(2)} WRU, ${(u.itemsRead / n).toFixed(1)} items read; calls ${JSON.stringify(u.calls)}`);
} finally {
  await system.close();
}
