/**
 * Part 3 — ingest throughput against the store's own write rate, same dynalite, same run.
 *
 * Ingest: eight court systems post their months (hourly syncs: each request one court's
 * events of one hour) at the same time, each as fast as its previous request is answered,
 * to the local HTTP endpoint. Timed from the first post until the queue is drained
 * (every event stored and applied), and until the last 202 (intake only).
 *
 * Store: eight workers write as many items as there were events, each item an event
 * record as the store writes it (same key layout, attributes, body and condition), to
 * the same dynalite instance — half just before the ingest, half just after.
 *
 * A second run does the same with the queue consumer stopped: the intake alone, as in
 * AWS, where apply runs in other Lambda instances (here it shares the one process).
 */
import { createHash } from 'node:crypto';
import { HOUR_MS } from '../lib/time.js';
import { startLocalSystem } from '../local/system.js';
import { BENCH_LIMITS, type Court, courts, courtSecrets, courtsMonth, postEvents, type PostedEvent, syncRequests } from './support/courts.js';
import { plainItemSize } from './support/index-units.js';
import { localDynamoClient } from './support/local-dynamo.js';
import { rawPuts } from './support/raw-puts.js';
import type { Report } from './support/report.js';

const POSTERS = 8;
const SEED = 4_000;

/** The item `saveEvent` writes for an event (functions/adapters/dynamo-event-log.ts), under a key of its own. */
function eventRecord(court: Court, event: PostedEvent, n: number, receivedAt: number) {
  const body = JSON.stringify({ ...event, at: Date.parse(event.occurredAt), data: event.data ?? {}, court: court.id });
  return {
    pk: `I#raw-${court.id}#${n}-${event.eventId}`,
    sk: '#ID',
    caseNo: event.caseNo,
    hash: createHash('sha256').update(body).digest('base64url'),
    receivedAt,
    body,
  };
}

interface Run {
  readonly accepted: number;
  /** Seconds from the first post until the last 202. */
  readonly intakeSeconds: number;
  /** Seconds from the first post until the queue is drained (undefined: apply stopped). */
  readonly appliedSeconds?: number;
  /** Raw PutItem/s of the same dynalite (half before, half after the ingest). */
  readonly putsPerSecond: number;
  readonly putItemBytes: number;
}

/** Posts the courts' months with eight posters; raw puts on the same dynalite before and after. */
async function run(applying: boolean): Promise<Run> {
  const list = courts(POSTERS);
  const stream = courtsMonth(list, SEED);
  // One clock for all: after the month, so every event is in the past and every signature fresh.
  const now = (stream.at(-1)?.at ?? 0) + HOUR_MS;
  const requests = syncRequests(stream, HOUR_MS).map((r) => ({ ...r, at: now }));
  const system = await startLocalSystem({ port: 0, limits: BENCH_LIMITS, courtSecrets: courtSecrets(list), clock: () => now });
  const client = localDynamoClient(system.dynamoEndpoint);
  try {
    // Raw puts in two halves, before and after the ingest, so a change in the machine's
    // load during the run weighs on both sides of the ratio alike.
    const items = stream.map(({ court, event }, n) => eventRecord(court, event, n, now));
    const half = items.length >> 1;
    const putSeconds = [await rawPuts(client, items.slice(0, half), POSTERS)];

    // In AWS, apply runs in other Lambda instances; here it shares the process unless stopped.
    if (!applying) await system.queue.stop();
    const url = system.url ?? '';
    let accepted = 0;
    const started = performance.now();
    await Promise.all(
      list.map(async (court) => {
        for (const request of requests.filter((r) => r.court.id === court.id)) {
          const posted = await postEvents(url, request);
          if (posted.status !== 202) throw new Error(`bench: ingest answered ${posted.status}`);
          accepted += posted.accepted;
        }
      }),
    );
    const intakeDone = performance.now();
    if (applying) await system.drain();
    const applied = performance.now();
    if (accepted !== stream.length) throw new Error(`bench: ${stream.length - accepted} events not accepted`);

    putSeconds.push(await rawPuts(client, items.slice(half), POSTERS));
    return {
      accepted,
      intakeSeconds: (intakeDone - started) / 1000,
      ...(applying ? { appliedSeconds: (applied - started) / 1000 } : {}),
      putsPerSecond: items.length / putSeconds.reduce((a, b) => a + b, 0),
      putItemBytes: items.reduce((n, item) => n + plainItemSize(item), 0) / items.length,
    };
  } finally {
    client.destroy();
    await system.close();
  }
}

export async function ingest(report: Report): Promise<void> {
  const full = await run(true);
  const eventsPerSecond = full.accepted / (full.appliedSeconds ?? Number.NaN);
  const intakePerSecond = full.accepted / full.intakeSeconds;
  report.figure('ingest-vs-store', eventsPerSecond / full.putsPerSecond);
  report.figure('ingest-vs-store-intake', intakePerSecond / full.putsPerSecond);
  report.figure('ingest-events-per-second', eventsPerSecond);
  report.figure('ingest-intake-events-per-second', intakePerSecond);
  report.figure('store-puts-per-second', full.putsPerSecond);
  report.figure('ingest-events', full.accepted);
  report.figure('store-put-item-bytes', full.putItemBytes);
  // The intake alone, as in AWS where apply runs elsewhere: the queue consumer stopped.
  const alone = await run(false);
  report.figure('ingest-vs-store-intake-alone', alone.accepted / alone.intakeSeconds / alone.putsPerSecond);
  report.figure('ingest-intake-alone-events-per-second', alone.accepted / alone.intakeSeconds);
  report.figure('store-puts-per-second-intake-alone-run', alone.putsPerSecond);
}
