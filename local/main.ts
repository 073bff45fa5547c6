/**
 * `npm start`: the supervisor on this machine (README "Local mode").
 *
 *   PORT           HTTP port (default 3000)
 *   DATA_DIR       where the store, the queue journal and notices.jsonl live (default .data)
 *   SCAN_SCHEDULE  rate(15 minutes) by default; `off` disables the timer
 *   COURT_SECRETS  JSON {"courtId": "secret"} or {"courtId": {"secret": "…", "codes": ["豫0823"]}}; without it the demo court below
 *   CourtRateLimit, CourtBurstLimit, PublicRateLimit, PublicBurstLimit  fair use (429 + Retry-After)
 *   BOARD_TOKEN    the board's login token (random per start when absent)
 *   CLAIM_LEASE_SECONDS  how long a crashed scan's notice claims are respected (default 60)
 *   <Limit>=<n>    any stack parameter by name, e.g. OnlineQueryHours=12
 */
import './quiet-env.js';
import { resolve } from 'node:path';
import { ConfigurationError } from '../lib/errors.js';
import { DEFAULT_SCAN_SCHEDULE, loadLimits } from '../lib/limits.js';
import { TEAM_NAMES } from '../lib/notice-text.js';
import { DataDirInUseError } from './data-dir-lock.js';
import { DEMO_COURT, DEMO_SECRET, parseCourts } from './env-court-keys.js';
import type { OutboxEntry } from './local-outbox.js';
import { scanIntervalMs } from './schedule.js';
import { startLocalSystem } from './system.js';

function printNotice(entry: OutboxEntry): void {
  const a = entry.attributes;
  console.log(`  ✉ [${a.level}] ${TEAM_NAMES[a.team as keyof typeof TEAM_NAMES] ?? a.team}: ${entry.message}`);
}

/** `BOARD_TOKEN`: long enough not to be guessed, and plain enough to sit in a URL. */
function boardToken(value: string): string {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(value)) {
    throw new ConfigurationError([`BOARD_TOKEN: not a valid token; expected 16 to 128 letters, digits, "-" or "_"`]);
  }
  return value;
}

async function main(): Promise<void> {
  const env = process.env;
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigurationError([`PORT: "${env.PORT}" is not a port number`]);
  const dataDir = resolve(env.DATA_DIR ?? '.data');
  const schedule = env.SCAN_SCHEDULE ?? DEFAULT_SCAN_SCHEDULE;
  const scanEveryMs = scanIntervalMs(schedule);
  const limits = loadLimits(env);
  const { secrets: courtSecrets, codes: courtCodes } = parseCourts(env.COURT_SECRETS);
  // A notice claim older than this belongs to a scan that died (a local scan takes seconds).
  const lease = Number(env.CLAIM_LEASE_SECONDS ?? 60);
  if (!Number.isInteger(lease) || lease < 1 || lease > 3600) {
    throw new ConfigurationError([`CLAIM_LEASE_SECONDS: "${env.CLAIM_LEASE_SECONDS}" is not valid; expected a whole number of seconds from 1 to 3600`]);
  }
  const system = await startLocalSystem({
    dataDir,
    port,
    limits,
    courtSecrets,
    courtCodes,
    ...(scanEveryMs ? { scanEveryMs } : {}),
    claimLeaseMs: lease * 1000,
    printNotice,
    ...(env.BOARD_TOKEN ? { boardToken: boardToken(env.BOARD_TOKEN) } : {}),
  });
  const demo = env.COURT_SECRETS === undefined || env.COURT_SECRETS.trim() === '';
  const url = system.url ?? '';
  const lines = [
    '',
    `Enforcement deadline supervisor — local mode`,
    `  API            ${url}  (POST /v1/events, GET /v1/cases[/{caseNo}], POST /local/scan, GET /local/notices)`,
    `  data           ${dataDir}  (DynamoDB-compatible store, queue journal, notices.jsonl)`,
    `  scan           ${scanEveryMs ? `${schedule}, as of the wall clock; POST /local/scan {"time": ...} for any moment` : 'off; POST /local/scan {"time": ...} runs one'}`,
    `  courts         ${Object.keys(courtSecrets).map((c) => (courtCodes[c] ? `${c} (${courtCodes[c].join('、')})` : c)).join(', ')}`,
    `  queued         ${system.queue.depth} case message(s) recovered from the journal`,
    `  notices so far ${system.outbox.list().length}`,
    '',
    `指挥中心看板 / command-centre board (open in a browser; valid while this server runs):`,
    ...Object.keys(courtSecrets).map((court) => `  ${court.padEnd(14)} ${system.loginUrl(court)}`),
  ];
  if (system.repair) {
    const r = system.repair;
    lines.push(
      `  store repair   上次未正常退出，已核对索引：删除失效索引项 ${r.staleRemoved} 个，补回 ${r.entriesRestored} 个` +
        ` (the last process stopped uncleanly; ${r.entriesRead} index entries checked, ${r.staleRemoved} stale removed, ${r.entriesRestored} restored)`,
    );
  }
  if (demo) {
    lines.push(
      '',
      `Demo court "${DEMO_COURT}", secret "${DEMO_SECRET}" (set COURT_SECRETS for real ones). Post an event:`,
      '',
      `  body='{"eventId":"demo-1","type":"case.filed","caseNo":"(2026)豫0823执1号","occurredAt":"'"$(date -Iseconds)"'","data":{"amount":50000,"financial":false,"respondents":[{"kind":"person"}]}}'`,
      `  ts=$(date +%s); sig=$(printf '%s\\nPOST\\n/v1/events\\n%s' "$ts" "$body" | openssl dgst -sha256 -hmac '${DEMO_SECRET}' | sed 's/^.* //')`,
      `  curl -s -X POST ${url}/v1/events -H "X-Court-Id: ${DEMO_COURT}" -H "X-Timestamp: $ts" -H "X-Signature: v2=$sig" -H 'content-type: application/json' --data-binary "$body"`,
      '',
      `  (v2 signs "<timestamp>\\n<METHOD>\\n<path and sorted query>\\n<raw body>": docs/API.md)`,
      '',
      `  or: npx tsx local/post.ts events/samples/case.filed.json   (signs and posts a file)`,
    );
  }
  console.log(lines.join('\n'));
  console.log('');
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: finishing work in flight…`);
    system.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    console.error(`Cannot start: ${error.problems.join('\n  ')}`);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Cannot start: port ${process.env.PORT ?? 3000} is in use; set PORT to another one`);
  } else if (error instanceof DataDirInUseError) {
    console.error(`无法启动 / Cannot start: ${error.message}`);
  } else {
    console.error('Cannot start:', (error as Error).message);
  }
  process.exit(1);
});
