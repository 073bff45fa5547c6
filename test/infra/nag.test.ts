import { Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { BOARD_ROUTES, METRICS_ROUTES, READ_ROUTES } from '../../functions/commons/routes.js';
import { loadCourts } from '../../infra/config.js';
import { createSupervisorApp } from '../../infra/supervisor-app.js';
import { cdkContext, SYNTH_TIMEOUT_MS, synthesize, type Synthesized } from './synth.js';

let built: Synthesized;
// Synthesis is work: it runs as a test, so a slow one fails loudly (the tests below read its templates).
it('synthesizes the app', () => {
  built = synthesize();
}, SYNTH_TIMEOUT_MS);

/** Every acknowledgement in the app: rule id → reasons. */
function acknowledgements(root: IConstruct): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [key, reason] of Object.entries(entry.data as Record<string, string>)) {
        const id = key.replace(/^annotation::/i, '');
        out.set(id, [...(out.get(id) ?? []), reason]);
      }
    }
  }
  return out;
}

describe('cdk-nag (AwsSolutions)', () => {
  it('finds no unacknowledged error or warning', () => {
    const report = new AwsSolutionsChecks().validateScope(built.app);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('acknowledges only these findings, each on its resource with a reason', () => {
    const found = acknowledgements(built.app);
    const counts = Object.fromEntries([...found].map(([id, reasons]) => [id, reasons.length]));
    expect(counts).toEqual({
      // X-Ray trace upload, one per function role (no resource-level permissions exist):
      // intake, apply, scan, digest, read, metrics, board and the fair-use limits custom resource.
      'AwsSolutions-IAM5[Resource::*]': 8,
      // The two dead-letter queues themselves.
      'AwsSolutions-SQS3': 2,
      // Court signing secrets: rotation is coordinated with the court system; the board's
      // session key (rotating would sign everyone out) and the provider's client secret.
      'AwsSolutions-SMG4': loadCourts().courts.length + 2,
      // HMAC signature or board session checked in the function (an authorizer cannot see
      // the body), one per route — the reads and the two metrics routes; the public
      // timeline's access code; the OpenAPI document, public by design; the board's pages
      // and sign-in, public by design.
      'AwsSolutions-APIG4': 1 + Object.keys(READ_ROUTES).length + Object.keys(METRICS_ROUTES).length + Object.keys(BOARD_ROUTES).length,
      'AwsSolutions-COG4': 1 + Object.keys(READ_ROUTES).length + Object.keys(METRICS_ROUTES).length + Object.keys(BOARD_ROUTES).length,
      // Validation event by event in the functions (a batch is never refused whole for one event).
      'AwsSolutions-APIG2': 1,
      // Execution logs would need the account-wide API Gateway CloudWatch role; access logs are on.
      'AwsSolutions-APIG6': 1,
    });
    for (const reasons of found.values()) for (const reason of reasons) expect(reason.length).toBeGreaterThan(60);
    // Nothing is acknowledged for a whole stack or the app.
    for (const scope of [built.app, built.data, built.service]) {
      expect(scope.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)).toEqual([]);
    }
  });

  it('is wired into the app: a new non-compliant resource fails synthesis', () => {
    const { app, service } = createSupervisorApp({ context: { ...cdkContext(), 'aws:cdk:bundling-stacks': [] } });
    new sqs.Queue(service, 'UnencryptedWithoutDlq', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    expect(() => app.synth()).toThrow();
    const rules = new AwsSolutionsChecks().validateScope(app).violations.map((v) => v.ruleName);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-SQS2', 'AwsSolutions-SQS3', 'AwsSolutions-SQS4']));
  }, SYNTH_TIMEOUT_MS);
});
