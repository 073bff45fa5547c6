/**
 * dynalite in a worker thread of its own: the store's CPU work (LevelDB, index upkeep)
 * runs beside the handlers instead of between them, as DynamoDB runs beside Lambda.
 */
import { Worker } from 'node:worker_threads';

export interface DynaliteThread {
  readonly endpoint: string;
  close(): Promise<void>;
}

interface Options {
  readonly path?: string;
}

/** Starts dynalite in a worker thread; resolves with its endpoint once it listens. */
export function startDynaliteThread(options: Options): Promise<DynaliteThread> {
  const worker = new Worker(new URL('./dynalite-worker.mjs', import.meta.url), { workerData: options });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { port?: number; error?: string }) => {
      if (message.error !== undefined || message.port === undefined) return reject(new Error(message.error ?? 'dynalite did not start'));
      resolve({
        endpoint: `http://127.0.0.1:${message.port}`,
        close: () =>
          new Promise<void>((done) => {
            worker.once('exit', () => done());
            worker.postMessage('close');
          }),
      });
    });
  });
}
