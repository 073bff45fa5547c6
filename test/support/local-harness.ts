/**
 * A whole local system in memory (dynalite without a data directory) behind its HTTP
 * front, and a signed client — what a court system sees.
 */
import { DEFAULT_LIMITS, type Limits } from '../../lib/limits.js';
import { signedHeaders } from '../../lib/signature.js';
import { toChinaIso } from '../../lib/time.js';
import { startLocalSystem, type LocalSystem, type LocalSystemOptions } from '../../local/system.js';

export const COURT = 'wuzhi';
export const SECRET = 'wuzhi-secret-0123456789abcdef';
export const OTHER_COURT = 'qinyang';
export const OTHER_SECRET = 'qinyang-secret-0123456789abcdef';

export interface Harness {
  readonly system: LocalSystem;
  post(body: unknown, as?: { court?: string; secret?: string }): Promise<{ status: number; body: any }>;
  postRaw(body: string, headers: Record<string, string>): Promise<{ status: number; body: any }>;
  get(path: string, as?: { court?: string; secret?: string }): Promise<{ status: number; body: any }>;
  /** Posts, then waits until the queue has applied everything. */
  postAndApply(body: unknown, as?: { court?: string; secret?: string }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/**
 * The seed's limits with fair use opened wide: tests post as fast as the machine goes;
 * test/flow/fair-use.test.ts sets the limits it tests.
 */
export const TEST_LIMITS: Limits = { ...DEFAULT_LIMITS, CourtRateLimit: 10_000, CourtBurstLimit: 5_000, PublicRateLimit: 1_000, PublicBurstLimit: 1_000 };

export async function startHarness(options: Partial<LocalSystemOptions> & { limits?: Limits } = {}): Promise<Harness> {
  const system = await startLocalSystem({
    port: 0,
    limits: TEST_LIMITS,
    courtSecrets: { [COURT]: SECRET, [OTHER_COURT]: OTHER_SECRET },
    queue: { retryDelayMs: () => 5, batchWindowMs: 0 },
    ...options,
  });
  const url = system.url ?? '';
  const call = async (method: string, path: string, body: string, as: { court?: string; secret?: string } = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      // Signed as of the system's clock, when a test sets it.
      headers: { 'content-type': 'application/json', ...signedHeaders({ court: as.court ?? COURT, secret: as.secret ?? SECRET, method, target: path, body, now: (options.clock ?? Date.now)() }) },
      ...(method === 'GET' ? {} : { body }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const harness: Harness = {
    system,
    post: (body, as) => call('POST', '/v1/events', typeof body === 'string' ? body : JSON.stringify(body), as),
    postRaw: async (body, headers) => {
      const res = await fetch(`${url}/v1/events`, { method: 'POST', headers, body });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    get: (path, as) => call('GET', encodeURI(path), '', as),
    postAndApply: async (body, as) => {
      const res = await harness.post(body, as);
      await system.drain();
      return res;
    },
    close: () => system.close(),
  };
  return harness;
}

let counter = 0;
/** An event as a court system posts it. */
export function ev(type: string, caseNo: string, occurredAt: string, data?: object, eventId?: string) {
  return { eventId: eventId ?? `e-${++counter}-${type}`, type, caseNo, occurredAt, ...(data === undefined ? {} : { data }) };
}

export const at = (iso: string) => Date.parse(iso);
export const iso = (t: number) => toChinaIso(t);
