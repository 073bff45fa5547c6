/**
 * Deployment configuration kept in the repository (`infra/config/*.json`): the courts
 * that may sign requests and who receives notices. Read and validated once when the CDK
 * app starts; an error names the file, the field, the value and what was expected.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type CodesByCourt, courtCodeProblems } from '../lib/court-codes.js';
import { DeploymentConfigError } from '../lib/errors.js';
import { LEVELS } from '../lib/escalation.js';
import { TEAMS } from '../lib/limits.js';
import { COURT_ID } from '../lib/signature.js';

export const DEFAULT_COURTS_FILE = fileURLToPath(new URL('./config/courts.json', import.meta.url));
export const DEFAULT_SUBSCRIPTIONS_FILE = fileURLToPath(new URL('./config/subscriptions.json', import.meta.url));

/** A construct-id-safe, stable name: changing it replaces the resource (and re-confirms a subscription). */
const NAME = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;
/** Secrets Manager name characters; the court id is appended. */
const SECRET_PREFIX = /^[A-Za-z0-9/_+=.@-]{1,200}$/;

const courtsSchema = z.strictObject({
  secretPrefix: z.string().regex(SECRET_PREFIX, 'Secrets Manager name characters (letters, digits, /_+=.@-)'),
  courts: z
    .array(
      z.strictObject({
        id: z.string().regex(COURT_ID, 'lower-case letters, digits and dashes, starting with a letter or digit (X-Court-Id)'),
        name: z.string().min(1),
        /** Court codes (法院代字) the court's case numbers carry, e.g. ["豫0823"]; absent: any case number. */
        codes: z.array(z.string()).min(1).optional(),
      }),
    )
    .min(1, 'at least one court'),
});

export type CourtsConfig = z.infer<typeof courtsSchema>;

/** What the topic carries (message attribute `kind`): notices, and the morning digests. */
export const MESSAGE_KINDS = ['notice', 'digest'] as const;
/** Digest audiences besides the teams: `all` is the director's digest. */
export const DIGEST_AUDIENCES = [...TEAMS, 'all'] as const;

const filterLists = {
  /**
   * What to receive (message attribute `kind`): subscribers opt in to the digests.
   * @default ["notice"]
   */
  kinds: z.array(z.enum(MESSAGE_KINDS)).min(1).optional(),
  /** Only notices and digests for these teams (message attribute `team`; `all` is the director's digest). @default - every team */
  teams: z.array(z.enum(DIGEST_AUDIENCES)).min(1).optional(),
  /** Only notices of these levels (message attribute `level`; digests have none). @default - every level */
  levels: z.array(z.enum(LEVELS)).min(1).optional(),
  /** Only notices and digests of these courts (message attribute `court`). @default - every court */
  courts: z.array(z.string().regex(COURT_ID, 'a court id')).min(1).optional(),
};

const endpointByProtocol = z.discriminatedUnion('protocol', [
  z.strictObject({ name: z.string().regex(NAME), protocol: z.literal('email'), endpoint: z.email(), ...filterLists }),
  z.strictObject({
    name: z.string().regex(NAME),
    protocol: z.literal('sms'),
    endpoint: z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 phone number such as +8613800000000'),
    ...filterLists,
  }),
  z.strictObject({
    name: z.string().regex(NAME),
    protocol: z.literal('https'),
    endpoint: z.url({ protocol: /^https$/, hostname: z.regexes.domain }),
    /** Deliver the notice JSON as the request body without the SNS envelope. @default false */
    rawMessageDelivery: z.boolean().optional(),
    ...filterLists,
  }),
]);

const operationsEndpoint = z.discriminatedUnion('protocol', [
  z.strictObject({ name: z.string().regex(NAME), protocol: z.literal('email'), endpoint: z.email() }),
  z.strictObject({ name: z.string().regex(NAME), protocol: z.literal('sms'), endpoint: z.string().regex(/^\+[1-9]\d{6,14}$/) }),
  z.strictObject({ name: z.string().regex(NAME), protocol: z.literal('https'), endpoint: z.url({ protocol: /^https$/ }) }),
]);

const subscriptionsSchema = z.strictObject({
  notices: z.array(endpointByProtocol),
  operations: z.array(operationsEndpoint),
});

export type SubscriptionsConfig = z.infer<typeof subscriptionsSchema>;
export type NoticeSubscription = SubscriptionsConfig['notices'][number];
export type OperationsSubscription = SubscriptionsConfig['operations'][number];

/** SNS allows at most 150 value combinations in one filter policy. */
export const MAX_FILTER_COMBINATIONS = 150;

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new DeploymentConfigError(file, ['cannot be read; expected a JSON file'], { cause });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new DeploymentConfigError(file, ['is not JSON'], { cause });
  }
}

function issues(error: z.ZodError, value: unknown): string[] {
  return error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    let found: unknown = value;
    for (const key of i.path) found = (found as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
    return `${path || '(root)'}: ${i.message}${found === undefined || typeof found === 'object' ? '' : ` (found ${JSON.stringify(found)})`}`;
  });
}

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

/** The codes of the courts that have some (`COURT_CODES` of the functions). */
export function courtCodesOf(config: CourtsConfig): CodesByCourt {
  return Object.fromEntries(config.courts.filter((c) => c.codes).map((c) => [c.id, c.codes ?? []]));
}

/** Reads and checks the courts file. */
export function loadCourts(file: string = DEFAULT_COURTS_FILE): CourtsConfig {
  const raw = readJson(file);
  const parsed = courtsSchema.safeParse(raw);
  if (!parsed.success) throw new DeploymentConfigError(file, issues(parsed.error, raw));
  const dupes = duplicates(parsed.data.courts.map((c) => c.id));
  if (dupes.length) throw new DeploymentConfigError(file, [`courts: id ${dupes.join(', ')} listed twice; expected each court once`]);
  const codeProblems = courtCodeProblems(courtCodesOf(parsed.data), 'courts');
  if (codeProblems.length) throw new DeploymentConfigError(file, codeProblems);
  return parsed.data;
}

/** Reads and checks the subscriptions file. */
export function loadSubscriptions(file: string = DEFAULT_SUBSCRIPTIONS_FILE): SubscriptionsConfig {
  const raw = readJson(file);
  const parsed = subscriptionsSchema.safeParse(raw);
  if (!parsed.success) throw new DeploymentConfigError(file, issues(parsed.error, raw));
  const problems: string[] = [];
  for (const list of ['notices', 'operations'] as const) {
    const dupes = duplicates(parsed.data[list].map((s) => s.name));
    if (dupes.length) problems.push(`${list}: name ${dupes.join(', ')} used twice; expected unique names`);
  }
  parsed.data.notices.forEach((s, i) => {
    const kinds = s.kinds ?? ['notice'];
    if (s.levels && !kinds.includes('notice')) {
      problems.push(`notices.${i} (${s.name}): "levels" filters notices, and this entry takes only ${kinds.join(', ')}; expected no "levels", or "notice" among "kinds"`);
    }
    // Notices: team × level × court; digests (no level): team × court.
    const shared = (s.teams?.length ?? 1) * (s.courts?.length ?? 1);
    const combinations = (kinds.includes('notice') ? shared * (s.levels?.length ?? 1) : 0) + (kinds.includes('digest') ? shared : 0);
    if (combinations > MAX_FILTER_COMBINATIONS) {
      problems.push(`notices.${i} (${s.name}): ${combinations} team × level × court combinations; SNS allows at most ${MAX_FILTER_COMBINATIONS}`);
    }
  });
  if (problems.length) throw new DeploymentConfigError(file, problems);
  return parsed.data;
}
