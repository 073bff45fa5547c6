/**
 * A month as it would run: four courts' months (part 2's stream) posted in hourly syncs,
 * with the scan every 15 minutes of simulated time. Prints the notices per case, when in
 * the day they are published and held (quiet hours, rest days), the due cases each hour's
 * scans read, and the DynamoDB units of the events and of the scans — inputs of the
 * estimates in docs/PERFORMANCE.md. A few minutes on two cores.
 *
 *   npx tsx bench/experiments/month-replay.ts
 */
import '../../local/quiet-env.js';
import { chinaDateOf, HOUR_MS, parseOffsetDateTime, startOfChinaDay } from '../../lib/time.js';
import { startLocalSystem } from '../../local/system.js';
import { UNIT_COURTS, UNIT_SEED } from '../event-units.js';
import { BENCH_LIMITS, courts, courtSecrets, courtsMonth, postEvents, syncRequests } from '../support/courts.js';
import { DynamoMeter, writeUnits } from '../support/dynamo-meter.js';
import { SCAN_PERIOD_MS } from '../support/population.js';

const list = courts(UNIT_COURTS);
const stream = courtsMonth(list, UNIT_SEED);
const requests = syncRequests(stream, HOUR_MS);
const meter = new DynamoMeter();
let now = requests[0]?.at ?? 0;
const system = await startLocalSystem({ port: 0, limits: BENCH_LIMITS, courtSecrets: courtSecrets(list), clock: () => now, decorate: { dynamo: (c) => meter.attach(c) } });
const end = parseOffsetDateTime('2026-11-01T00:00:00+08:00') ?? 0;
const byHour = new Array<number>(24).fill(0);
const heldByHour = new Array<number>(24).fill(0);
const casesByHour = new Array<number>(24).fill(0);
const byLevel: Record<string, number> = {};
const units = { eventWrite: 0, eventRead: 0, scanWrite: 0, scanRead: 0 };
let notices = 0;
let scans = 0;
let next = 0;
try {
  for (let t = Math.ceil(now / SCAN_PERIOD_MS) * SCAN_PERIOD_MS; t <= end; t += SCAN_PERIOD_MS) {
    for (; next < requests.length && (requests[next]?.at ?? 0) <= t; next++) {
      const request = requests[next];
      if (!request) break;
      now = request.at;
      meter.take();
      await postEvents(system.url ?? '', request);
      await system.drain();
      const u = meter.take();
      units.eventWrite += writeUnits(u);
      units.eventRead += u.readUnits;
    }
    const scan = await system.scan(t);
    scans++;
    const u = meter.take();
    units.scanWrite += writeUnits(u);
    units.scanRead += u.readUnits;
    notices += scan.notices.length;
    const hour = Math.floor((t - startOfChinaDay(chinaDateOf(t))) / HOUR_MS);
    byHour[hour] = (byHour[hour] ?? 0) + scan.notices.length;
    heldByHour[hour] = (heldByHour[hour] ?? 0) + scan.held;
    casesByHour[hour] = (casesByHour[hour] ?? 0) + scan.casesRead;
    for (const n of scan.notices) byLevel[n.attributes.level ?? '?'] = (byLevel[n.attributes.level ?? '?'] ?? 0) + 1;
  }
} finally {
  await system.close();
}
const cases = new Set(stream.map((e) => e.event.caseNo)).size;
console.log(`cases ${cases}, events ${stream.length} (${(stream.length / cases).toFixed(1)} per case), scans ${scans}`);
console.log(`notices ${notices} (${(notices / cases).toFixed(2)} per case in the month), by level ${JSON.stringify(byLevel)}`);
console.log(`notices by hour of the scan (China time): ${byHour.map((n, h) => `${h}h ${n}`).join(', ')}`);
console.log(`share of the 00:00-00:59 scans: ${((byHour[0] ?? 0) / notices * 100).toFixed(1)} %`);
const held = heldByHour.reduce((a, b) => a + b, 0);
const read = casesByHour.reduce((a, b) => a + b, 0);
console.log(`notices held (decided in quiet hours or on a rest day) ${held}, by hour of the scan that held them: ${heldByHour.map((n, h) => `${h}h ${n}`).join(', ')}`);
console.log(`due cases read by hour of the scan: ${casesByHour.map((n, h) => `${h}h ${n}`).join(', ')}`);
console.log(`share of due cases read by the 00:00-00:59 scans: ${((casesByHour[0] ?? 0) / read * 100).toFixed(1)} %, by the 08:00-08:59 scans: ${((casesByHour[8] ?? 0) / read * 100).toFixed(1)} %`);
console.log(`event units: ${(units.eventWrite / stream.length).toFixed(2)} WRU, ${(units.eventRead / stream.length).toFixed(2)} RRU per event`);
console.log(`scan units: ${(units.scanWrite / notices).toFixed(2)} WRU per notice, ${(units.scanRead / scans).toFixed(2)} RRU per scan (dynalite bills an empty Query 0)`);
