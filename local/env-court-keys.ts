/** `CourtKeys` from `COURT_SECRETS` (JSON `{ "courtId": "secret" }`), for the local mode. */
import { ConfigurationError } from '../lib/errors.js';
import type { CourtKeys } from '../lib/ports.js';
import { COURT_ID } from '../lib/signature.js';

/** The documented demo court (README): never use it outside this machine. */
export const DEMO_COURT = 'demo-court';
export const DEMO_SECRET = 'demo-secret-0123456789abcdef';

export function parseCourtSecrets(text: string | undefined): Record<string, string> {
  if (text === undefined || text.trim() === '') return { [DEMO_COURT]: DEMO_SECRET };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigurationError(['COURT_SECRETS: not JSON; expected {"courtId": "secret of 16+ characters"}']);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigurationError(['COURT_SECRETS: expected an object {"courtId": "secret"}']);
  }
  const problems: string[] = [];
  for (const [court, secret] of Object.entries(value)) {
    if (!COURT_ID.test(court)) problems.push(`COURT_SECRETS: court id "${court}" is not lower-case letters, digits and dashes`);
    if (typeof secret !== 'string' || secret.length < 16) problems.push(`COURT_SECRETS.${court}: expected a secret of at least 16 characters`);
  }
  if (problems.length) throw new ConfigurationError(problems);
  return value as Record<string, string>;
}

export class StaticCourtKeys implements CourtKeys {
  constructor(private readonly secrets: Readonly<Record<string, string>>) {}

  async secretOf(courtId: string): Promise<string | undefined> {
    return Object.hasOwn(this.secrets, courtId) ? this.secrets[courtId] : undefined;
  }
}
