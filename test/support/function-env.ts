/**
 * The environment the CDK stack gives the deployed functions
 * (infra/constructs/supervisor-function.ts), for tests that import their entries: every
 * parameter at its default; the functions fail fast without it.
 */
import { NUMERIC_PARAMETERS, TEXT_PARAMETERS } from '../../lib/limits.js';

export function functionEnv(courtIds: readonly string[]): Record<string, string> {
  return {
    AWS_REGION: 'cn-north-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    TABLE_NAME: 'cases',
    QUEUE_URL: 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/case-updates',
    TOPIC_ARN: 'arn:aws-cn:sns:cn-north-1:123456789012:notices',
    COURT_SECRETS_PREFIX: 'enforcement-deadlines/courts/',
    COURT_IDS: courtIds.join(','),
    ...Object.fromEntries(Object.entries(NUMERIC_PARAMETERS).map(([k, p]) => [k, String(p.default)])),
    ...Object.fromEntries(Object.entries(TEXT_PARAMETERS).map(([k, p]) => [k, p.default])),
  };
}
