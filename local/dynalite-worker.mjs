// The worker side of local/dynalite-thread.ts: plain JavaScript, so it loads in a
// worker thread whatever runs the main one (tsx, vitest, node).
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';

const port = parentPort;
const { path } = workerData ?? {};
const server = dynalite({ ...(path ? { path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.once('error', (error) => port?.postMessage({ error: error.message }));
server.listen(0, '127.0.0.1', () => port?.postMessage({ port: server.address().port }));
port?.on('message', (message) => {
  if (message === 'close') server.close(() => process.exit(0));
});
