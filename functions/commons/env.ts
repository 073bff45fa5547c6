/**
 * Environment of the deployed functions, read once at start: names the missing or
 * wrong setting and stops (a function that starts half-configured fails later, worse).
 */
import { ConfigurationError } from '../../lib/errors.js';

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
