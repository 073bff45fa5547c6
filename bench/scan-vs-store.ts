/**
 * Part 7 — the midnight peak: due cases one scan processes per second ÷ the store's raw
 * PutItem/s, same dynalite, same run. 20,000 open cases, every one due at the scan of
 * 00:00 (China time) on a working day — day limits end at 24:00, so that scan carries a
 * day's peak. With the seed's delivery parameters (quiet hours 22:00–08:00) its notices
 * are decided and held, and the scan of 08:00 publishes them: both scans are measured.
 *
 * Units and DynamoDB calls per due case are counted on a metered table of 1,000 such
 * cases; the timed table is not metered (nor are the raw puts).
 *
 * Raw puts: the due snapshots as the scan writes them, under keys of their own and
 * without the index keys (a plain item of the same size), half before and half after
 * the scans, with as many writers as the scan has cases in flight per shard.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import type { CaseRecord } from '../lib/ports.js';
import { runScan, type ScanReport } from '../lib/app/scan.js';
import { HOUR_MS, type Instant, parseOffsetDateTime } from '../lib/time.js';
import { snapshotItem } from '../functions/adapters/dynamo-case-snapshots.js';
import { writeUnits } from './support/dynamo-meter.js';
import { localDynamoClient } from './support/local-dynamo.js';
import { rawPuts } from './support/raw-puts.js';
import type { Report } from './support/report.js';
import { CountingPublisher, prepareScanTable, type ScanTable } from './support/scan-table.js';

/** `SCAN_PEAK_CASES` scales it down (to profile: see docs/PERFORMANCE.md). */
const DUE_CASES = Number(process.env.SCAN_PEAK_CASES ?? 20_000);
/** Thursday 19 November 2026, 00:00 in China: a working day, the scan just after 24:00. */
export const MIDNIGHT: Instant = parseOffsetDateTime('2026-11-19T00:00:00+08:00') as Instant;
const MORNING: Instant = MIDNIGHT + 8 * HOUR_MS;
const RAW_PUTS = 6_000;
/** Cases of the metered table that counts units and calls. */
const UNITS_CASES = 1_000;
const WRITERS = 16;

/** A snapshot item as a plain put: its own key, no index keys. */
function rawItem(record: CaseRecord, n: number, dueShards: number): Record<string, unknown> {
  const { nextCheckAt: _n, dueShard: _d, listCourt: _c, listKey: _k, ...item } = snapshotItem(record, dueShards);
  return { ...item, pk: `R#raw-${n}` };
}

/** Runs `work` under the inspector's CPU profiler and writes the profile to `file`. */
async function profiled<T>(file: string, work: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  const post = (method: string) => new Promise<unknown>((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  }
}

async function timedScan(table: ScanTable, now: Instant, runId: string, profileTo?: string): Promise<{ scan: ScanReport; seconds: number }> {
  const { system } = table;
  const started = performance.now();
  const work = () => runScan({ ...system.stores, publisher: new CountingPublisher(), rules: system.rules, wallClock: Date.now }, { now, runId });
  const scan = profileTo ? await profiled(profileTo, work) : await work();
  const seconds = (performance.now() - started) / 1000;
  return { scan, seconds };
}

/**
 * What the two scans cost per due case in capacity units and DynamoDB calls, on a smaller
 * metered table (units are counts: they do not depend on the population's size).
 */
async function peakUnits(report: Report): Promise<void> {
  const table = await prepareScanTable({ openCases: UNITS_CASES, due: { cases: UNITS_CASES }, seed: 7_100, scanAt: MIDNIGHT });
  try {
    for (const [name, now] of [['peak', MIDNIGHT], ['delivery', MORNING]] as const) {
      table.meter.take();
      const { scan } = await timedScan(table, now, `bench-units-${name}`);
      const usage = table.meter.take();
      const cases = Math.max(1, scan.casesRead);
      report.figure(`scan-${name}-write-units-per-case`, writeUnits(usage) / cases);
      report.figure(`scan-${name}-index-write-units-per-case`, usage.indexWriteUnits / cases);
      report.figure(`scan-${name}-read-units-per-case`, usage.readUnits / cases);
      report.figure(`scan-${name}-dynamodb-calls-per-case`, Object.values(usage.calls).reduce((a, b) => a + b, 0) / cases);
      report.figure(`scan-${name}-notices-per-case`, (scan.held.length + scan.published.length) / cases);
    }
  } finally {
    await table.close();
  }
}

export async function scanVsStore(report: Report): Promise<void> {
  await peakUnits(report);
  const built = performance.now();
  const table = await prepareScanTable({ openCases: DUE_CASES, due: { cases: DUE_CASES }, seed: 7_000, scanAt: MIDNIGHT, metered: false });
  report.figure('scan-peak-build-seconds', (performance.now() - built) / 1000);
  const client = localDynamoClient(table.system.dynamoEndpoint);
  try {
    const { population, system } = table;
    const items = population.records.slice(0, RAW_PUTS).map((r, n) => rawItem(r, n, system.stores.index.dueShards));
    const half = items.length >> 1;
    const putSeconds = [await rawPuts(client, items.slice(0, half), WRITERS)];
    const midnight = await timedScan(table, MIDNIGHT, 'bench-midnight', process.env.SCAN_PROFILE);
    const morning = await timedScan(table, MORNING, 'bench-morning');
    putSeconds.push(await rawPuts(client, items.slice(half), WRITERS));
    const putsPerSecond = items.length / putSeconds.reduce((a, b) => a + b, 0);

    if (midnight.scan.casesRead < population.dueCases) throw new Error(`bench: the midnight scan read ${midnight.scan.casesRead} of ${population.dueCases} due cases`);
    if (midnight.scan.caseErrors || morning.scan.caseErrors) throw new Error('bench: a scan counted case errors');
    const perSecond = population.dueCases / midnight.seconds;
    const deliveredPerSecond = morning.scan.casesRead / morning.seconds;
    report.figure('scan-vs-store', perSecond / putsPerSecond);
    report.figure('scan-vs-store-delivery', deliveredPerSecond / putsPerSecond);
    report.figure('scan-peak-due-cases', population.dueCases);
    report.figure('scan-peak-notices-held', midnight.scan.held.length);
    report.figure('scan-peak-notices-published', midnight.scan.published.length);
    report.figure('scan-peak-cases-per-second', perSecond);
    report.figure('scan-peak-seconds', midnight.seconds);
    report.figure('scan-delivery-cases', morning.scan.casesRead);
    report.figure('scan-delivery-notices-published', morning.scan.published.length);
    report.figure('scan-delivery-cases-per-second', deliveredPerSecond);
    report.figure('scan-delivery-seconds', morning.seconds);
    report.figure('store-puts-per-second-scan-run', putsPerSecond);
  } finally {
    client.destroy();
    await table.close();
  }
}
