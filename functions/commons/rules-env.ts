/**
 * The rules from the stack parameters the stack passes as environment variables — for
 * the functions that fold and escalate (apply, scan, read); intake does not load them.
 */
import { rulesFor, type Rules } from '../../lib/app/case-records.js';
import { loadLimits } from '../../lib/limits.js';
import type { Env } from './env.js';

export function rulesFromEnv(env: Env = process.env): Rules {
  return rulesFor(loadLimits(env, { requireAll: true }));
}
