/**
 * A table of open cases ready for a measured scan: the local system's store on dynalite
 * (in memory) with the DynamoDB meter on its client, the population written with
 * `putCase`, and one earlier scan run — the first scan on a table re-plans every open
 * case once (the sweep after a change of limits), which a running system has behind it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { runScan } from '../../lib/app/scan.js';
import { DEFAULT_LIMITS } from '../../lib/limits.js';
import type { NoticePublisher } from '../../lib/ports.js';
import type { Notice } from '../../lib/escalation.js';
import type { Instant } from '../../lib/time.js';
import { parseOffsetDateTime } from '../../lib/time.js';
import { startLocalSystem, type LocalSystem } from '../../local/system.js';
import { DynamoMeter, type Usage } from './dynamo-meter.js';
import { buildPopulation, type Population, type PopulationOptions, SCAN_PERIOD_MS, storePopulation } from './population.js';

/** The measured scan: a Wednesday, 10:00 in China, a quarter after the previous one. */
export const SCAN_AT: Instant = parseOffsetDateTime('2026-11-18T10:00:00+08:00') as Instant;

/** A publisher that only counts (the scan's reads are what is measured). */
export class CountingPublisher implements NoticePublisher {
  calls = 0;
  readonly notices: Notice[] = [];

  async publish(notices: readonly Notice[]): Promise<{ failed: readonly string[] }> {
    this.calls++;
    this.notices.push(...notices);
    return { failed: [] };
  }
}

export interface ScanTable {
  readonly system: LocalSystem;
  readonly meter: DynamoMeter;
  readonly population: Population;
  /** What the earlier scan (with its one-off re-plan sweep) read. */
  readonly warmUp: Usage;
  close(): Promise<void>;
}

/** A population due at `scanAt` (default `SCAN_AT`), stored, with the scan before it run. */
export async function prepareScanTable(options: Omit<PopulationOptions, 'rules' | 'scanAt'> & { readonly scanAt?: Instant; readonly metered?: boolean }): Promise<ScanTable> {
  const scanAt = options.scanAt ?? SCAN_AT;
  const meter = new DynamoMeter();
  // Unmetered (`metered: false`) when the scan is timed: the meter's work is not the system's.
  const decorate = options.metered === false ? {} : { dynamo: (client: DynamoDBClient) => meter.attach(client) };
  const system = await startLocalSystem({ limits: DEFAULT_LIMITS, courtSecrets: {}, decorate });
  const population = buildPopulation({ ...options, rules: system.rules, scanAt });
  await storePopulation(system.stores.snapshots, population);
  meter.take();
  // The previous scan: nothing is due yet (every case was planned after it), so it only
  // completes the re-plan sweep a new table needs.
  const previous = await runScan(
    { ...system.stores, publisher: new CountingPublisher(), rules: system.rules, wallClock: Date.now },
    { now: scanAt - SCAN_PERIOD_MS, runId: 'bench-previous-scan' },
  );
  if (previous.published.length) throw new Error(`bench: the previous scan found ${previous.published.length} notices due`);
  const warmUp = meter.take();
  return { system, meter, population, warmUp, close: () => system.close() };
}
