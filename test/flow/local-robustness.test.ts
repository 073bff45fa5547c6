/** The local mode keeps serving through a failed file write and through broken clients. */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { StoreUnavailableError } from '../../lib/errors.js';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { LocalOutbox } from '../../local/local-outbox.js';
import { LocalQueue } from '../../local/local-queue.js';
import { sampleNotices } from '../adapters/fixtures.js';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { COURT_INDEX, createTableInput } from '../../functions/adapters/table-design.js';
import { ConfigurationError } from '../../lib/errors.js';
import { DataDirInUseError, lockDataDir } from '../../local/data-dir-lock.js';
import { startDynaliteThread } from '../../local/dynalite-thread.js';
import { OPEN_MARKER, startLocalSystem, TABLE_NAME } from '../../local/system.js';
import { startHarness, TEST_LIMITS } from '../support/local-harness.js';
import { spawnLocalMain } from '../support/local-main.js';

describe('a failed write of the outbox or the queue journal', () => {
  it('outbox: reports the notices as not published, and publishes them when asked again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outbox-test-'));
    try {
      const outbox = new LocalOutbox(join(dir, 'missing', 'notices.jsonl')); // no such directory yet
      const notices = sampleNotices();
      const first = await outbox.publish(notices);
      expect(first.failed).toEqual(notices.map((n) => n.noticeId));
      expect(outbox.list()).toEqual([]);
      await mkdir(join(dir, 'missing'));
      expect(await outbox.publish(notices)).toEqual({ failed: [] });
      expect(outbox.list()).toHaveLength(notices.length);
      expect((await readFile(join(dir, 'missing', 'notices.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(notices.length);
      expect(outbox.duplicatesDropped).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('queue: refuses the enqueue as a passing fault (the intake answers 503), then journals the next one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'queue-test-'));
    try {
      const queue = new LocalQueue({ journalPath: join(dir, 'later', 'queue.jsonl') });
      await expect(queue.enqueue([{ caseNo: 'A', events: [] }])).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(queue.depth).toBe(0);
      await mkdir(join(dir, 'later'));
      await queue.enqueue([{ caseNo: 'B', events: [] }]);
      expect(queue.depth).toBe(1);
      expect(await readFile(join(dir, 'later', 'queue.jsonl'), 'utf8')).toContain('"caseNo\\":\\"B\\"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the local HTTP front and broken clients', () => {
  const raw = (port: number, text: string, end = true) =>
    new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(text);
        if (!end) setTimeout(() => socket.destroy(), 50);
      });
      let answer = '';
      socket.on('data', (c) => (answer += c.toString()));
      socket.on('close', () => resolve(answer));
      socket.on('error', () => resolve(answer));
    });

  it('answers a request line that is no URL with 400, survives a client gone mid-body, and goes on serving', async () => {
    const h = await startHarness();
    try {
      const port = Number(new URL(h.system.url ?? '').port);
      expect(await raw(port, 'GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
      await raw(port, 'POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"even', false);
      const res = await fetch(`${h.system.url}/local/health`);
      expect(res.status).toBe(200);
    } finally {
      await h.close();
    }
  });
});

describe('one process per data directory', () => {
  it('a second system on a busy DATA_DIR is refused at once, and a second `npm start` says the directory is in use', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'busy-dir-'));
    const first = await startLocalSystem({ dataDir: dir, limits: TEST_LIMITS, courtSecrets: {} });
    try {
      await expect(startLocalSystem({ dataDir: dir, limits: TEST_LIMITS, courtSecrets: {} })).rejects.toBeInstanceOf(DataDirInUseError);
      const second = spawnLocalMain(dir, { COURT_SECRETS: '' });
      const code = await new Promise<number | null>((resolve) => second.child.once('exit', resolve));
      expect(code).toBe(1);
      expect(second.output()).toContain('in use by process');
      expect(second.output()).toContain('数据目录');
      expect(second.output()).not.toMatch(/ECONNREFUSED/);
      // The refused starts left the running process's unclean-stop marker alone.
      expect((await readFile(join(dir, OPEN_MARKER), 'utf8')).trim()).toBe(String(process.pid));
    } finally {
      await first.close();
    }
    // Released on close, with the marker: a clean stop, nothing to repair next time.
    expect(existsSync(join(dir, OPEN_MARKER))).toBe(false);
    expect(existsSync(join(dir, 'server.lock'))).toBe(false);
    // A process that died holding the directory: its lock is taken over and its marker means a repair.
    await writeFile(join(dir, 'server.lock'), '999999999');
    await writeFile(join(dir, OPEN_MARKER), '999999999');
    const again = await startLocalSystem({ dataDir: dir, limits: TEST_LIMITS, courtSecrets: {} });
    expect(again.repair).toBeDefined();
    await again.close();
    await rm(dir, { recursive: true, force: true });
  });
});

describe('a data directory made by an older version', () => {
  it('without an index of today\'s table design: refused at start, saying so (not a failure on the first listing)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'old-dir-'));
    try {
      const dynamo = await startDynaliteThread({ path: join(dir, 'dynamodb') });
      const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
      const today = createTableInput(TABLE_NAME);
      await client.send(new CreateTableCommand({ ...today, GlobalSecondaryIndexes: today.GlobalSecondaryIndexes.filter((i) => i.IndexName !== COURT_INDEX) }));
      client.destroy();
      await dynamo.close();
      const started = startLocalSystem({ dataDir: dir, limits: TEST_LIMITS, courtSecrets: {} });
      await expect(started).rejects.toBeInstanceOf(ConfigurationError);
      await expect(started).rejects.toThrow(/older version.*listing/);
      // Nothing left running or locked: a fresh directory starts at once.
      await expect(lockDataDir(dir).then((l) => l.release())).resolves.toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
