/**
 * Fair use on AWS (docs/API.md "限流"): an AWS WAF web ACL on the REST API stage with
 * three rate-based rules, each answering 429 with `Retry-After`:
 *
 * - court routes, counted per (`X-Court-Id`, client address): a court's systems get
 *   `CourtRateLimit`/`CourtBurstLimit`; anyone sending another court's id from another
 *   address counts in a bucket of its own and cannot use up that court's;
 * - court routes without `X-Court-Id` (never valid), per client address, at the public limits;
 * - the public timeline, per client address: `PublicRateLimit`/`PublicBurstLimit`.
 *
 * WAF counts in windows of at least 60 s and has no burst; the limit of each rule is what
 * the token bucket admits in 60 s (`windowLimit`: burst + rate × 60), computed from the
 * stack parameters by a small custom resource (CloudFormation cannot multiply).
 */
import { CustomResource, Duration, Token } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { WAF_WINDOW_SECONDS } from '../../lib/fair-use.js';
import type { SupervisorParameters } from '../parameters.js';
import { SupervisorFunction } from './supervisor-function.js';

export interface FairUseFirewallProps {
  readonly stage: Stage;
  readonly parameters: SupervisorParameters;
}

/** The public timeline's path, wherever the stage or a base path puts it. */
const PUBLIC_PATH = '/v1/public/';
const BODY_KEY = 'tooManyRequests';

export class FairUseFirewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  readonly limits: CustomResource;
  readonly calculator: SupervisorFunction;

  constructor(scope: Construct, id: string, props: FairUseFirewallProps) {
    super(scope, id);
    const p = props.parameters.byName;
    this.calculator = new SupervisorFunction(this, 'Limits', {
      entry: 'fair-use-limits.ts',
      serviceName: 'fair-use-limits',
      description: 'Custom resource: WAF rate limits from the fair-use parameters (burst + rate x 60)',
      memorySize: 128,
      timeout: Duration.seconds(30),
    });
    this.limits = new CustomResource(this, 'WindowLimits', {
      serviceToken: this.calculator.function.functionArn,
      resourceType: 'Custom::FairUseLimits',
      properties: {
        CourtRateLimit: p.CourtRateLimit.valueAsString,
        CourtBurstLimit: p.CourtBurstLimit.valueAsString,
        PublicRateLimit: p.PublicRateLimit.valueAsString,
        PublicBurstLimit: p.PublicBurstLimit.valueAsString,
      },
    });
    const courtLimit = Token.asNumber(this.limits.getAtt('CourtLimit'));
    const publicLimit = Token.asNumber(this.limits.getAtt('PublicLimit'));

    const publicPath: wafv2.CfnWebACL.StatementProperty = {
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'CONTAINS',
        searchString: PUBLIC_PATH,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    };
    const notPublic: wafv2.CfnWebACL.StatementProperty = { notStatement: { statement: publicPath } };
    const hasCourtId: wafv2.CfnWebACL.StatementProperty = {
      sizeConstraintStatement: {
        fieldToMatch: { singleHeader: { Name: 'x-court-id' } },
        comparisonOperator: 'GT',
        size: 0,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    };
    const block: wafv2.CfnWebACL.RuleActionProperty = {
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: BODY_KEY,
          responseHeaders: [{ name: 'Retry-After', value: String(WAF_WINDOW_SECONDS) }],
        },
      },
    };
    const rule = (name: string, priority: number, statement: wafv2.CfnWebACL.RateBasedStatementProperty): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      action: block,
      statement: { rateBasedStatement: statement },
      // No sampled requests: they would keep paths and query strings (case numbers, access codes).
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: false },
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      description: 'Fair use - per court by X-Court-Id and client address, per client address for the public timeline - see docs/API.md',
      defaultAction: { allow: {} },
      customResponseBodies: {
        [BODY_KEY]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({ error: '请求过于频繁，请稍后重试 / too many requests; retry after the Retry-After seconds', see: 'docs/API.md#rate-limits' }),
        },
      },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'FairUse', sampledRequestsEnabled: false },
      rules: [
        rule('CourtPerCourtAndAddress', 0, {
          aggregateKeyType: 'CUSTOM_KEYS',
          customKeys: [{ header: { name: 'x-court-id', textTransformations: [{ priority: 0, type: 'NONE' }] } }, { ip: {} }],
          evaluationWindowSec: WAF_WINDOW_SECONDS,
          limit: courtLimit,
          scopeDownStatement: notPublic,
        }),
        rule('UnsignedPerAddress', 1, {
          aggregateKeyType: 'IP',
          evaluationWindowSec: WAF_WINDOW_SECONDS,
          limit: publicLimit,
          scopeDownStatement: { andStatement: { statements: [notPublic, { notStatement: { statement: hasCourtId } }] } },
        }),
        rule('PublicTimelinePerAddress', 2, {
          aggregateKeyType: 'IP',
          evaluationWindowSec: WAF_WINDOW_SECONDS,
          limit: publicLimit,
          scopeDownStatement: publicPath,
        }),
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'OnStage', { resourceArn: props.stage.stageArn, webAclArn: this.webAcl.attrArn });
  }

}
