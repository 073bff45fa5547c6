/**
 * Environment of the deployed functions, read once at start: names the missing or
 * wrong setting and stops (a function that starts half-configured fails later, worse).
 */
import { ConfigurationError } from '../../lib/limits.js';

export type Env = Readonly<Record<string, string | undefined>>;

export function requiredEnv(name: string, env: Env = process.env): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new ConfigurationError([`${name}: missing; expected it in the environment (set by the CDK stack)`]);
  }
  return value;
}
