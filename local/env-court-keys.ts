/**
 * The courts of the local mode, from `COURT_SECRETS`: JSON `{ "courtId": "secret" }`, or
 * with court codes `{ "courtId": { "secret": "…", "codes": ["豫0823"] } }` (the two forms
 * may be mixed); without it, the documented demo court (no codes).
 */
import { type CodesByCourt, courtCodeProblems } from '../lib/court-codes.js';
import { ConfigurationError } from '../lib/errors.js';
import type { CourtKeys } from '../lib/ports.js';
import { COURT_ID } from '../lib/signature.js';

/** The documented demo court (README): never use it outside this machine. */
export const DEMO_COURT = 'demo-court';
export const DEMO_SECRET = 'demo-secret-0123456789abcdef';

export interface LocalCourts {
  readonly secrets: Readonly<Record<string, string>>;
  readonly codes: CodesByCourt;
}

const EXPECTED = 'expected {"courtId": "secret of 16+ characters"} or {"courtId": {"secret": "…", "codes": ["豫0823"]}}';

export function parseCourts(text: string | undefined): LocalCourts {
  if (text === undefined || text.trim() === '') return { secrets: { [DEMO_COURT]: DEMO_SECRET }, codes: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigurationError([`COURT_SECRETS: not JSON; ${EXPECTED}`]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ConfigurationError([`COURT_SECRETS: ${EXPECTED}`]);
  const problems: string[] = [];
  const secrets: Record<string, string> = {};
  const codes: Record<string, string[]> = {};
  for (const [court, entry] of Object.entries(value)) {
    if (!COURT_ID.test(court)) problems.push(`COURT_SECRETS: court id "${court}" is not lower-case letters, digits and dashes`);
    const form = typeof entry === 'string' ? { secret: entry } : (entry as { secret?: unknown; codes?: unknown } | null);
    if (form === null || typeof form !== 'object' || Array.isArray(form)) {
      problems.push(`COURT_SECRETS.${court}: ${EXPECTED}`);
      continue;
    }
    const unknown = Object.keys(form).filter((k) => k !== 'secret' && k !== 'codes');
    if (unknown.length) problems.push(`COURT_SECRETS.${court}: unknown field ${unknown.map((k) => `"${k}"`).join(', ')}; expected "secret" and "codes"`);
    if (typeof form.secret !== 'string' || form.secret.length < 16) problems.push(`COURT_SECRETS.${court}: expected a secret of at least 16 characters`);
    else secrets[court] = form.secret;
    if (form.codes !== undefined) codes[court] = form.codes as string[];
  }
  problems.push(...courtCodeProblems(codes, 'COURT_SECRETS'));
  if (problems.length) throw new ConfigurationError(problems);
  return { secrets, codes };
}

/** The secrets alone (either form of `COURT_SECRETS`). */
export function parseCourtSecrets(text: string | undefined): Record<string, string> {
  return { ...parseCourts(text).secrets };
}

export class StaticCourtKeys implements CourtKeys {
  constructor(private readonly secrets: Readonly<Record<string, string>>) {}

  async secretOf(courtId: string): Promise<string | undefined> {
    return Object.hasOwn(this.secrets, courtId) ? this.secrets[courtId] : undefined;
  }
}
