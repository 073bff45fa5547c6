/** The local mode keeps its state on disk: a restart finds cases, notices and queued work. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalQueue } from '../../local/local-queue.js';
import { scanIntervalMs } from '../../local/schedule.js';
import { at, ev, startHarness } from '../support/local-harness.js';

const CASE = '(2026)豫0823执601号';
const events = [
  ev('case.filed', CASE, '2026-03-02T09:00:00+08:00', { amount: 50_000, financial: false, respondents: [{ kind: 'person' }] }, 'r-1'),
  ev('reception.recorded', CASE, '2026-03-02T10:00:00+08:00', { interviewer: '刘书记员', interviewee: '申请执行人' }, 'r-2'),
];

describe('local mode: state survives a restart (README "Local mode")', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'supervisor-test-'));
  });
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('finds the case, its notices and the ledger after a restart on the same DATA_DIR', async () => {
    const first = await startHarness({ dataDir });
    await first.postAndApply({ events });
    const sent = await first.system.scan(at('2026-03-04T12:00:00+08:00'));
    expect(sent.notices.length).toBeGreaterThan(0);
    const before = (await first.get(`/v1/cases/${CASE}`)).body;
    await first.close();

    const second = await startHarness({ dataDir });
    try {
      const after = (await second.get(`/v1/cases/${CASE}`)).body;
      expect(after.nodes).toEqual(before.nodes);
      expect(after.notices).toEqual(before.notices);
      expect(second.system.outbox.list()).toHaveLength(sent.notices.length);
      const lines = (await readFile(join(dataDir, 'notices.jsonl'), 'utf8')).trim().split('\n');
      expect(lines).toHaveLength(sent.notices.length);
      expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ subject: expect.any(String), message: expect.any(String), attributes: { caseNo: CASE } });
      // The same scan again sends nothing: the ledger and the sent levels were kept.
      expect((await second.system.scan(at('2026-03-04T12:00:00+08:00'))).notices).toEqual([]);
      expect((await second.post(events[0])).body.results[0].status).toBe('duplicate');
    } finally {
      await second.close();
    }
  });

  it('serves GET /local/notices and POST /local/scan over HTTP', async () => {
    const h = await startHarness();
    try {
      await h.postAndApply({ events: events.map((e) => ({ ...e, eventId: `http-${e.eventId}` })) });
      const scan = await fetch(`${h.system.url}/local/scan`, { method: 'POST', body: JSON.stringify({ time: '2026-03-05T12:00:00+08:00' }) });
      const result = (await scan.json()) as { notices: Array<{ attributes: { node: string; level: string } }> };
      expect(scan.status).toBe(200);
      expect(result.notices.length).toBeGreaterThan(0);
      const list = (await (await fetch(`${h.system.url}/local/notices`)).json()) as unknown[];
      expect(list).toEqual(result.notices);
      const bad = await fetch(`${h.system.url}/local/scan`, { method: 'POST', body: JSON.stringify({ time: 'yesterday' }) });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors[0]?.path).toBe('time');
    } finally {
      await h.close();
    }
  });
});

describe('local queue: SQS-shaped delivery, retries, dead letters, journal', () => {
  it('replays messages that were enqueued but not done before a crash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'queue-test-'));
    try {
      const crashed = new LocalQueue({ journalPath: join(dir, 'q.jsonl') });
      await crashed.open();
      await crashed.enqueue([{ caseNo: 'A', events: [] }, { caseNo: 'B', events: [] }]);
      // no consumer ran: the process "died" here
      const restarted = new LocalQueue({ journalPath: join(dir, 'q.jsonl') });
      expect(await restarted.open()).toBe(2);
      const seen: string[] = [];
      restarted.start(async (event) => {
        seen.push(...event.Records.map((r) => JSON.parse(r.body).caseNo as string));
        return { batchItemFailures: [] };
      });
      await restarted.drain();
      await restarted.stop();
      expect(seen.sort()).toEqual(['A', 'B']);
      const third = new LocalQueue({ journalPath: join(dir, 'q.jsonl') });
      expect(await third.open()).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('retries only the failed messages of a batch, then dead-letters them after five receives', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'queue-test-'));
    try {
      const queue = new LocalQueue({ deadLetterPath: join(dir, 'dlq.jsonl'), retryDelayMs: () => 1 });
      const receives: Record<string, number> = {};
      queue.start(async (event) => {
        for (const r of event.Records) {
          const caseNo = JSON.parse(r.body).caseNo as string;
          receives[caseNo] = Number(r.attributes.ApproximateReceiveCount);
        }
        return { batchItemFailures: event.Records.filter((r) => JSON.parse(r.body).caseNo === 'poison').map((r) => ({ itemIdentifier: r.messageId })) };
      });
      await queue.enqueue([{ caseNo: 'good', events: [] }, { caseNo: 'poison', events: [] }]);
      await queue.drain();
      await queue.stop();
      expect(receives).toEqual({ good: 1, poison: 5 });
      const dead = (await readFile(join(dir, 'dlq.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
      expect(dead).toHaveLength(1);
      expect(JSON.parse(dead[0].body).caseNo).toBe('poison');
      expect(queue.stats).toMatchObject({ delivered: 1, deadLettered: 1, retried: 4 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('local scan schedule (SCAN_SCHEDULE)', () => {
  it('understands rate() and off, and names a cron() as AWS-only', () => {
    expect(scanIntervalMs('rate(15 minutes)')).toBe(15 * 60_000);
    expect(scanIntervalMs('rate(1 hour)')).toBe(3_600_000);
    expect(scanIntervalMs('off')).toBeUndefined();
    expect(() => scanIntervalMs('cron(0/15 * * * ? *)')).toThrow(/SCAN_SCHEDULE.*rate\(/);
  });
});
