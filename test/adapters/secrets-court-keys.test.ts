import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { StoreUnavailableError } from '../../lib/errors.js';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SecretsManagerCourtKeys } from '../../functions/adapters/secrets-court-keys.js';

const sm = mockClient(SecretsManagerClient);

describe('adapter: SecretsManagerCourtKeys', () => {
  beforeEach(() => sm.reset());

  it('reads <prefix><courtId> once and serves it from memory for five minutes', async () => {
    sm.on(GetSecretValueCommand, { SecretId: 'eds/courts/wuzhi' }).resolves({ SecretString: 'a-long-enough-court-secret' });
    let now = 0;
    const keys = new SecretsManagerCourtKeys(new SecretsManagerClient({}), 'eds/courts/', () => now);
    expect(await keys.secretOf('wuzhi')).toBe('a-long-enough-court-secret');
    now += 4 * 60_000;
    expect(await keys.secretOf('wuzhi')).toBe('a-long-enough-court-secret');
    expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    now += 2 * 60_000;
    await keys.secretOf('wuzhi');
    expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
  });

  it('accepts JSON {"secret": ...} and treats an unknown court as unknown', async () => {
    sm.on(GetSecretValueCommand, { SecretId: 'p/json' }).resolves({ SecretString: '{"secret":"json-held-secret-0123"}' });
    sm.on(GetSecretValueCommand, { SecretId: 'p/ghost' }).rejects(new ResourceNotFoundException({ message: 'no', $metadata: {} }));
    const keys = new SecretsManagerCourtKeys(new SecretsManagerClient({}), 'p/');
    expect(await keys.secretOf('json')).toBe('json-held-secret-0123');
    expect(await keys.secretOf('ghost')).toBeUndefined();
  });

  it('answers a court outside the deployed list as unknown (401) without asking Secrets Manager', async () => {
    sm.on(GetSecretValueCommand).rejects(new Error('AccessDeniedException: not allowed'));
    const keys = new SecretsManagerCourtKeys(new SecretsManagerClient({}), 'p/', Date.now, new Set(['wuzhi']));
    expect(await keys.secretOf('typo-court')).toBeUndefined();
    expect(sm).not.toHaveReceivedCommand(GetSecretValueCommand);
  });

  it('turns an outage into StoreUnavailableError (503, not 401)', async () => {
    sm.on(GetSecretValueCommand).rejects(new Error('connect ETIMEDOUT'));
    await expect(new SecretsManagerCourtKeys(new SecretsManagerClient({}), 'p/').secretOf('x')).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
