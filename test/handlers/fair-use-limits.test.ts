/**
 * The fair-use custom resource (functions/fair-use-limits.ts): CloudFormation's request
 * in, the WAF limits (burst + rate × 60) PUT back to the pre-signed URL — here a real
 * local HTTP server standing for S3.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/fair-use-limits.js';
import { lambdaContext } from '../../local/http-server.js';

async function respondTo(event: (url: string) => CloudFormationCustomResourceEvent): Promise<{ method: string; contentType: string | undefined; body: any }> {
  let received: { method: string; contentType: string | undefined; body: any } | undefined;
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received = { method: req.method ?? '', contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await handler(event(`http://127.0.0.1:${(server.address() as AddressInfo).port}/presigned`), lambdaContext('fair-use-limits'));
  } finally {
    server.close();
  }
  if (!received) throw new Error('no response reached the URL');
  return received;
}

const request = (type: 'Create' | 'Update' | 'Delete', properties: Record<string, string>) => (url: string) =>
  ({
    RequestType: type,
    ResponseURL: url,
    StackId: 'arn:aws:cloudformation:cn-north-1:123456789012:stack/s/1',
    RequestId: 'r-1',
    LogicalResourceId: 'FairUseWindowLimits',
    ResourceType: 'Custom::FairUseLimits',
    ServiceToken: 'arn:aws:lambda:cn-north-1:123456789012:function:f',
    ResourceProperties: { ServiceToken: 'x', ...properties },
    ...(type === 'Create' ? {} : { PhysicalResourceId: 'fair-use-limits', OldResourceProperties: {} }),
  }) as CloudFormationCustomResourceEvent;

const DEFAULTS = { CourtRateLimit: '20', CourtBurstLimit: '40', PublicRateLimit: '5', PublicBurstLimit: '10' };

describe('functions/fair-use-limits.ts', () => {
  it('answers the defaults with what a 20/s burst-40 bucket admits in 60 s (1,240) and 5/s burst 10 (310)', async () => {
    const res = await respondTo(request('Create', DEFAULTS));
    expect(res.method).toBe('PUT');
    expect(res.contentType ?? '').toBe('');
    expect(res.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'fair-use-limits', RequestId: 'r-1', Data: { CourtLimit: 1240, PublicLimit: 310 } });
  });

  it('follows a changed parameter on update', async () => {
    const res = await respondTo(request('Update', { ...DEFAULTS, CourtRateLimit: '100' }));
    expect(res.body.Data).toEqual({ CourtLimit: 6040, PublicLimit: 310 });
  });

  it('fails the deploy naming a value that is not a whole number ≥ 1', async () => {
    const res = await respondTo(request('Create', { ...DEFAULTS, PublicBurstLimit: 'ten' }));
    expect(res.body).toMatchObject({ Status: 'FAILED', Reason: expect.stringContaining('PublicBurstLimit: "ten"') });
  });

  it('lets a delete succeed without looking at the properties', async () => {
    expect((await respondTo(request('Delete', {}))).body).toMatchObject({ Status: 'SUCCESS', Data: {} });
  });
});
