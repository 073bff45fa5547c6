/**
 * `CourtKeys` on Secrets Manager: one secret per court, named `<prefix><courtId>`,
 * holding the shared signing secret (plain text, or JSON `{"secret": "..."}`). Cached
 * for five minutes; an unknown court is cached for one. A court outside the deployed
 * list is unknown without a call: the function's role may read only those secrets.
 */
import { GetSecretValueCommand, ResourceNotFoundException, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { StoreUnavailableError } from '../../lib/errors.js';
import type { CourtKeys } from '../../lib/ports.js';

const TTL_MS = 5 * 60_000;
const MISS_TTL_MS = 60_000;

export function secretFromString(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const value = (JSON.parse(trimmed) as { secret?: unknown }).secret;
    return typeof value === 'string' && value.length >= 16 ? value : undefined;
  }
  return trimmed.length >= 16 ? trimmed : undefined;
}

export class SecretsManagerCourtKeys implements CourtKeys {
  private readonly cache = new Map<string, { value: string | undefined; until: number }>();

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly prefix: string,
    private readonly clock: () => number = Date.now,
    /** The deployed courts; any other id is unknown (401) without asking Secrets Manager. */
    private readonly courts?: ReadonlySet<string>,
  ) {}

  async secretOf(courtId: string): Promise<string | undefined> {
    if (this.courts && !this.courts.has(courtId)) return undefined;
    const now = this.clock();
    const hit = this.cache.get(courtId);
    if (hit && hit.until > now) return hit.value;
    let value: string | undefined;
    try {
      const out = await this.client.send(new GetSecretValueCommand({ SecretId: `${this.prefix}${courtId}` }));
      value = out.SecretString === undefined ? undefined : secretFromString(out.SecretString);
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw new StoreUnavailableError('Secrets Manager GetSecretValue failed', { cause: error });
    }
    this.cache.set(courtId, { value, until: now + (value === undefined ? MISS_TTL_MS : TTL_MS) });
    return value;
  }
}
