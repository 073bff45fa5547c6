/**
 * `npm start` as a child process (`local/main.ts` through tsx), on its own port and data
 * directory with the scan timer off; the caller adds the environment its test needs.
 * Everything the process prints is collected in `output()`.
 */
import { type ChildProcess, spawn } from 'node:child_process';

const ROOT = new URL('../../', import.meta.url).pathname;

export interface LocalMain {
  readonly child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
}

export function spawnLocalMain(dataDir: string, env: Record<string, string>): LocalMain {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, SCAN_SCHEDULE: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}
