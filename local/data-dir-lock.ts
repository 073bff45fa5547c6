/**
 * One process per data directory: `DATA_DIR/server.lock` holds the pid of the process
 * that uses it. A second `npm start` on the same directory stops at once with a clear
 * message instead of failing later inside the store. A lock left by a process that no
 * longer runs (a crash, a kill -9) is taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
  constructor(readonly dataDir: string, readonly pid: number) {
    super(`数据目录 ${dataDir} 正被进程 ${pid} 使用（每个 DATA_DIR 只能由一个进程使用）/ the data directory ${dataDir} is in use by process ${pid} (one process per DATA_DIR)`);
  }
}

/** Whether a process with this id runs (EPERM: it does, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

/** Takes the data directory for this process, or throws `DataDirInUseError`. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const path = join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(String(process.pid));
      await file.close();
      return { release: () => rm(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) throw new DataDirInUseError(dataDir, pid);
    if (pid === process.pid) throw new DataDirInUseError(dataDir, pid);
    await rm(path, { force: true }); // left by a process that is gone
  }
  throw new DataDirInUseError(dataDir, Number.NaN);
}
