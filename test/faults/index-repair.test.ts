/**
 * A write of the local store cut between its index entries and its item (what SIGKILL
 * can do to dynalite, which keeps them in separate LevelDB writes), made deterministic:
 * the storage engine under dynalite drops the item write of one snapshot, as if the
 * process had died right there (issue 14, docs/RELIABILITY.md). The scan index then
 * holds a due entry of a write that never happened. Without repair every later scan
 * reads it, and its stale version can even be written back over the real snapshot; the
 * start-up after an unclean stop repairs the indexes, so one scan sends each notice once
 * and the next finds nothing due.
 */
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ClassicLevel } from 'classic-level';
import dynalite from 'dynalite';
import { afterEach, describe, expect, it } from 'vitest';
import { dynamoStores } from '../../functions/adapters/dynamo-stores.js';
import { applyCaseWork } from '../../lib/app/apply.js';
import { rulesFor } from '../../lib/app/case-records.js';
import { type StoredEvent, validateEvent } from '../../lib/events.js';
import { DEFAULT_LIMITS } from '../../lib/limits.js';
import { ensureTable, OPEN_MARKER, startLocalSystem, TABLE_NAME } from '../../local/system.js';
import { COURT, SECRET } from '../support/local-harness.js';
import { dueEntries } from './store-diagnosis.js';

const CASE = '(2026)豫0823执4401号';
const SCAN_AT = Date.parse('2026-06-01T10:00:00+08:00');
const stored = (raw: Record<string, unknown>): StoredEvent => {
  const v = validateEvent({ caseNo: CASE, ...raw }, SCAN_AT);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return { ...v.event, court: COURT } as StoredEvent;
};
const filed = stored({ eventId: 'r-1', type: 'case.filed', occurredAt: '2026-03-02T09:00:00+08:00', data: { amount: 50_000, financial: false, respondents: [{ kind: 'person' }] } });
const query = stored({ eventId: 'r-2', type: 'query.online.started', occurredAt: '2026-03-02T10:00:00+08:00' });
const returned = stored({ eventId: 'r-3', type: 'query.online.returned', occurredAt: '2026-03-02T15:00:00+08:00', data: { found: { deposits: 0, payment: 0, securities: 0, insurance: 0, vehicles: 0 }, enough: false } });
const rules = rulesFor(DEFAULT_LIMITS);
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

type Put = (this: unknown, key: unknown, value: unknown, ...rest: unknown[]) => Promise<void>;
const proto = ClassicLevel.prototype as unknown as { put: Put };
const originalPut = proto.put;
afterEach(() => {
  proto.put = originalPut;
});

/**
 * Runs the store (dynalite on `dataDir`) in this process: the case filed and applied,
 * then its next snapshot write cut after the index entries — the process "dies" there.
 */
async function cutSnapshotWrite(dataDir: string): Promise<void> {
  let cutting = false;
  // Installed before dynalite opens its LevelDB (it binds `put` then).
  proto.put = function (key, value, ...rest) {
    const item = value as { pk?: { S?: string }; sk?: { S?: string } } | undefined;
    if (cutting && String(key).startsWith(`item-${TABLE_NAME}~`) && item?.pk?.S === `C#${CASE}` && item.sk?.S === '#CASE') {
      return Promise.resolve(); // never written: the process dies before this write reaches the disk
    }
    return originalPut.call(this, key, value, ...rest);
  };
  const server = dynalite({ path: join(dataDir, 'dynamodb'), createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new DynamoDBClient({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, region: 'local', credentials, maxAttempts: 1 });
  try {
    await ensureTable(client);
    const stores = dynamoStores(client, { tableName: TABLE_NAME });
    for (const e of [filed, query, returned]) await stores.events.saveEvent(e, SCAN_AT);
    const deps = { ...stores, rules, now: () => SCAN_AT };
    expect(await applyCaseWork(deps, { caseNo: CASE, events: [filed] })).toBe('applied');
    cutting = true;
    await applyCaseWork(deps, { caseNo: CASE, events: [query] }); // its answer never reaches anyone: the process is dead
    // What the dead process left: the item is still the first snapshot, the due index
    // holds the second snapshot's entry (and not the first's).
    const entries = await dueEntries(client, Number.POSITIVE_INFINITY);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.index.version).toBe(2);
    expect(entries[0]?.item?.version).toBe(1);
  } finally {
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    proto.put = originalPut;
  }
  // The process died: its marker stays (a clean stop removes it).
  await writeFile(join(dataDir, OPEN_MARKER), 'killed\n');
}

/** Starts the local mode on the data, delivers the queued work again (query) with what the court resent (returned), scans twice. */
async function restartAndScan(dataDir: string) {
  const system = await startLocalSystem({ dataDir, limits: DEFAULT_LIMITS, courtSecrets: { [COURT]: SECRET }, clock: () => SCAN_AT });
  try {
    expect(await applyCaseWork({ ...system.stores, rules, now: () => SCAN_AT }, { caseNo: CASE, events: [query, returned] })).toBe('applied');
    const first = await system.scan(SCAN_AT);
    const second = await system.scan(SCAN_AT);
    const record = await system.stores.snapshots.getCase(CASE);
    return { system: { repair: system.repair }, first, second, record, notices: system.outbox.list().map((n) => n.attributes.noticeId) };
  } finally {
    await system.close();
  }
}

/** The same events and scan with nothing cut. */
async function reference() {
  const system = await startLocalSystem({ limits: DEFAULT_LIMITS, courtSecrets: { [COURT]: SECRET }, clock: () => SCAN_AT });
  try {
    for (const e of [filed, query, returned]) await system.stores.events.saveEvent(e, SCAN_AT);
    await applyCaseWork({ ...system.stores, rules, now: () => SCAN_AT }, { caseNo: CASE, events: [filed, query, returned] });
    await system.scan(SCAN_AT);
    return { state: (await system.stores.snapshots.getCase(CASE))?.state, notices: system.outbox.list().map((n) => n.attributes.noticeId) };
  } finally {
    await system.close();
  }
}

describe('a snapshot write cut between its index entry and its item (SIGKILL on dynalite)', () => {
  const dirs: string[] = [];
  const dataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'index-repair-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('without repair, leaves a due phantom that every scan reads again (the cause of issue 14)', async () => {
    const dir = await dataDir();
    await cutSnapshotWrite(dir);
    await rm(join(dir, OPEN_MARKER)); // as if the stop had been clean: no repair
    const run = await restartAndScan(dir);
    expect(run.system.repair).toBeUndefined();
    expect(run.first.casesRead).toBe(2); // the case, and its phantom
    expect(run.second.casesRead).toBeGreaterThan(0); // never settles
  });

  it('after an unclean stop, start-up repairs the indexes: one scan sends each notice once, the next reads nothing', async () => {
    const expected = await reference();
    expect(expected.notices.length).toBeGreaterThan(0);
    const dir = await dataDir();
    await cutSnapshotWrite(dir);
    const run = await restartAndScan(dir);
    // The phantoms removed — one per index: the listing key moves with the earliest open due
    // time as the due index's does — and the first snapshot's own entries (deleted by the cut write) restored.
    expect(run.system.repair).toMatchObject({ staleRemoved: 2, entriesRestored: 1, cases: [CASE] });
    expect(run.first.casesRead).toBe(1);
    expect(run.second.casesRead).toBe(0);
    expect([...run.notices].sort()).toEqual([...expected.notices].sort());
    expect(run.record?.state).toEqual(expected.state);
  });
});
