/**
 * Lambda entry: a CloudFormation custom resource that turns the fair-use parameters
 * (`CourtRateLimit`, `CourtBurstLimit`, `PublicRateLimit`, `PublicBurstLimit`) into the
 * limits of the WAF rate-based rules (`windowLimit`): CloudFormation itself cannot
 * multiply. It calls no AWS service; it only answers CloudFormation's pre-signed URL.
 */
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { windowLimit } from '../lib/fair-use.js';

const NAMES = ['CourtRateLimit', 'CourtBurstLimit', 'PublicRateLimit', 'PublicBurstLimit'] as const;

/** The WAF limits of the given properties; throws naming a property that is not a whole number ≥ 1. */
export function fairUseLimits(properties: Readonly<Record<string, unknown>>): { CourtLimit: number; PublicLimit: number } {
  const value: Record<string, number> = {};
  for (const name of NAMES) {
    const n = Number(properties[name]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: "${String(properties[name])}" is not a whole number ≥ 1`);
    value[name] = n;
  }
  return {
    CourtLimit: windowLimit(value.CourtRateLimit ?? 1, value.CourtBurstLimit ?? 1),
    PublicLimit: windowLimit(value.PublicRateLimit ?? 1, value.PublicBurstLimit ?? 1),
  };
}

export async function handler(event: CloudFormationCustomResourceEvent, context: Context): Promise<void> {
  let status: 'SUCCESS' | 'FAILED' = 'SUCCESS';
  let reason = `log stream ${context.logStreamName}`;
  let data: Record<string, number> = {};
  try {
    if (event.RequestType !== 'Delete') data = fairUseLimits(event.ResourceProperties);
  } catch (error) {
    status = 'FAILED';
    reason = (error as Error).message;
  }
  const body = JSON.stringify({
    Status: status,
    Reason: reason,
    PhysicalResourceId: 'fair-use-limits',
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: data,
  });
  // The URL is pre-signed without a content type: send none.
  const res = await fetch(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '' } });
  if (!res.ok) throw new Error(`CloudFormation did not take the response: ${res.status}`);
}
