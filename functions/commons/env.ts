/**
 * Environment of the deployed functions, read once at start: names the missing or
 * wrong setting and stops (a function that starts half-configured fails later, worse).
 */
import { type CodesByCourt, courtCodeProblems, courtCodesFrom } from '../../lib/court-codes.js';
import { ConfigurationError } from '../../lib/errors.js';
import type { CourtCodes } from '../../lib/ports.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** The deployed court ids (`COURT_IDS`, comma-separated, set by the stack). */
export function courtIdsFromEnv(env: Env = process.env): ReadonlySet<string> {
  const value = env.COURT_IDS;
  if (value === undefined) throw new ConfigurationError(['COURT_IDS: missing; expected the deployed court ids (set by the CDK stack)']);
  return new Set(value.split(',').map((id) => id.trim()).filter(Boolean));
}

export function requiredEnv(name: string, env: Env = process.env): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new ConfigurationError([`${name}: missing; expected it in the environment (set by the CDK stack)`]);
  }
  return value;
}

/** Court codes (`COURT_CODES`, JSON `{"courtId": ["豫0823"]}`, set by the stack from courts.json); absent: none. */
export function courtCodesFromEnv(env: Env = process.env): CourtCodes {
  const text = env.COURT_CODES;
  if (text === undefined || text.trim() === '') return courtCodesFrom({});
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigurationError(['COURT_CODES: not JSON; expected {"courtId": ["豫0823"]} (set by the CDK stack)']);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigurationError(['COURT_CODES: expected an object {"courtId": ["豫0823"]}']);
  }
  const problems = courtCodeProblems(value as CodesByCourt, 'COURT_CODES');
  if (problems.length) throw new ConfigurationError(problems);
  return courtCodesFrom(value as CodesByCourt);
}
