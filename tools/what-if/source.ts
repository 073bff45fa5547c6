/**
 * Where `npm run what-if` reads from, read only:
 *
 * - the local mode's `DATA_DIR`: the server must be stopped (one process per data
 *   directory: `DATA_DIR/server.lock` names the one using it). The store is copied to a
 *   temporary directory and dynalite opened on the copy — opening a LevelDB store writes
 *   to it (its log, its manifest), so the original is never opened at all and stays
 *   byte for byte as it was;
 * - a deployed table (`--table <name>`), with the AWS credentials of the environment,
 *   through a client that refuses every request but reads.
 */
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord, Stores } from '../../lib/ports.js';
import { recordOf } from '../../functions/adapters/dynamo-case-snapshots.js';
import { dynamoStores } from '../../functions/adapters/dynamo-stores.js';
import { SNAPSHOT_SK } from '../../functions/adapters/table-keys.js';
import { processAlive } from '../../local/data-dir-lock.js';
import { startDynaliteThread } from '../../local/dynalite-thread.js';

/** The local mode's table name (local/system.ts). */
const LOCAL_TABLE = 'cases';

/** Requests a what-if may make. */
const READS = new Set(['GetItemCommand', 'GetCommand', 'BatchGetItemCommand', 'BatchGetCommand', 'QueryCommand', 'ScanCommand', 'DescribeTableCommand']);

export class SourceError extends Error {
  override readonly name = 'SourceError';
}

export interface Source {
  /** What was read, for the report. */
  readonly description: string;
  readonly stores: Stores;
  /** Every case snapshot of the table. */
  snapshots(): AsyncGenerator<CaseRecord>;
  close(): Promise<void>;
}

/** A client that sends reads only: anything else fails before it leaves the process. */
export function readOnly(client: DynamoDBClient): DynamoDBClient {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!READS.has(context.commandName ?? '')) throw new Error(`what-if is read only: refused ${context.commandName ?? 'a request'}`);
      return next(args);
    },
    { step: 'initialize', name: 'whatIfReadOnly' },
  );
  return client;
}

/** Throws when a live process holds the data directory. */
export async function checkNotInUse(dataDir: string): Promise<void> {
  const pid = Number((await readFile(join(dataDir, 'server.lock'), 'utf8').catch(() => '')).trim());
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    throw new SourceError(
      `数据目录 ${dataDir} 正被进程 ${pid} 使用（npm start？）。每个 DATA_DIR 只能由一个进程使用：请先停止服务再运行 what-if。\n` +
        `The data directory is in use by process ${pid} (npm start?). One process per DATA_DIR: stop the server, then run what-if.`,
    );
  }
}

function tableSource(client: DynamoDBClient, tableName: string, description: string, close: () => Promise<void>): Source {
  const doc = DynamoDBDocumentClient.from(client);
  return {
    description,
    stores: dynamoStores(client, { tableName }),
    async *snapshots() {
      let start: ScanCommandOutput['LastEvaluatedKey'];
      do {
        const page = await doc.send(
          new ScanCommand({
            TableName: tableName,
            FilterExpression: 'sk = :case',
            ExpressionAttributeValues: { ':case': SNAPSHOT_SK },
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of page.Items ?? []) yield recordOf(item);
        start = page.LastEvaluatedKey;
      } while (start);
    },
    close,
  };
}

/** The local mode's store, read from a copy. */
export async function localSource(dataDir: string): Promise<Source> {
  const store = join(dataDir, 'dynamodb');
  const found = await stat(store).catch(() => undefined);
  if (!found?.isDirectory()) {
    throw new SourceError(`${store} 不存在：DATA_DIR 中没有本地模式的数据 / no local-mode data in DATA_DIR (${dataDir})`);
  }
  await checkNotInUse(dataDir);
  const copy = await mkdtemp(join(tmpdir(), 'what-if-'));
  await cp(store, join(copy, 'dynamodb'), { recursive: true });
  // The server may have started while we copied: then the copy may be torn.
  await checkNotInUse(dataDir);
  const dynamo = await startDynaliteThread({ path: join(copy, 'dynamodb') });
  const client = readOnly(new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  return tableSource(client, LOCAL_TABLE, `${dataDir}（本地模式，只读副本 / local mode, read from a copy）`, async () => {
    client.destroy();
    await dynamo.close();
    await rm(copy, { recursive: true, force: true });
  });
}

/** A deployed table, with the environment's AWS credentials and region. */
export function tableSourceOf(tableName: string): Source {
  const client = readOnly(new DynamoDBClient({}));
  return tableSource(client, tableName, `DynamoDB ${tableName}（只读 / read only）`, async () => client.destroy());
}
