import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { createTableInput } from '../../functions/adapters/table-design.js';
import { loadCourts } from '../../infra/config.js';
import { resources, SYNTH_TIMEOUT_MS, synthesize, type Synthesized } from './synth.js';

let built: Synthesized;
// Synthesis is work: it runs as a test, so a slow one fails loudly (the tests below read its templates).
it('synthesizes the app', () => {
  built = synthesize();
}, SYNTH_TIMEOUT_MS);

describe('stateful stack: the case table mirrors functions/adapters/table-design.ts', () => {
  const design = createTableInput('ignored');

  it('has the keys, attribute types and indexes of createTableInput', () => {
    const tables = Object.values(resources(built.dataTemplate, 'AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(1);
    const props = tables[0]?.Properties ?? {};
    expect(props.KeySchema).toEqual(design.KeySchema);
    expect(new Set(props.AttributeDefinitions as unknown[])).toEqual(new Set(design.AttributeDefinitions));
    const byName = (list: unknown) => Object.fromEntries((list as { IndexName: string }[]).map((i) => [i.IndexName, i]));
    expect(byName(props.GlobalSecondaryIndexes)).toEqual(byName(design.GlobalSecondaryIndexes));
  });

  it('is on demand, point-in-time recoverable, deletion-protected, encrypted and retained', () => {
    built.dataTemplate.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        // AWS managed KMS key (aws/dynamodb): SSE on, no customer key.
        SSESpecification: { SSEEnabled: true },
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});

describe('stateful stack: one signing secret per configured court', () => {
  it('creates <prefix><courtId> with a generated secret of 32+ characters without punctuation', () => {
    const courts = loadCourts();
    const secrets = Object.values(resources(built.dataTemplate, 'AWS::SecretsManager::Secret'));
    expect(secrets.map((s) => s.Properties.Name).sort()).toEqual(courts.courts.map((c) => `${courts.secretPrefix}${c.id}`).sort());
    for (const secret of secrets) {
      const generate = secret.Properties.GenerateSecretString as { PasswordLength: number; ExcludePunctuation: boolean; SecretStringTemplate?: string };
      expect(generate.PasswordLength).toBeGreaterThanOrEqual(32);
      expect(generate.ExcludePunctuation).toBe(true);
      // Plain text, as SecretsManagerCourtKeys reads it (no JSON template).
      expect(generate.SecretStringTemplate).toBeUndefined();
      expect(secret.DeletionPolicy).toBe('Retain');
    }
  });

  it('follows the courts file given in the context', () => {
    const other = synthesize({ context: { courts: new URL('./fixtures/courts-two.json', import.meta.url).pathname } });
    const names = Object.values(resources(other.dataTemplate, 'AWS::SecretsManager::Secret')).map((s) => s.Properties.Name);
    expect(names.sort()).toEqual(['test/courts/hn-jiaozuo-wz', 'test/courts/hn-zhengzhou-zy']);
    // …and the service stack grants exactly those to intake, read and metrics.
    const policies = JSON.stringify(other.serviceTemplate.findResources('AWS::IAM::Policy'));
    expect(policies.match(/secret:test\/courts\/hn-jiaozuo-wz-\?{6}/g)).toHaveLength(3);
    expect(policies.match(/secret:test\/courts\/hn-zhengzhou-zy-\?{6}/g)).toHaveLength(3);
    expect(policies).not.toContain('demo-court');
  }, SYNTH_TIMEOUT_MS);
});
