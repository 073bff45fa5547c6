import { readdirSync, readFileSync } from 'node:fs';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { BOARD_ROUTES, INTAKE_ROUTE, METRICS_NAMESPACE, METRICS_ROUTES, READ_ROUTES } from '../../functions/commons/routes.js';
import { LEVELS } from '../../lib/escalation.js';
import { NUMERIC_PARAMETERS, TEAMS, TEXT_PARAMETERS } from '../../lib/limits.js';
import { loadCourts, loadSubscriptions } from '../../infra/config.js';
import { filterPolicyOf, MAX_RECEIVE_COUNT, SERVICE_NAMES } from '../../infra/stacks/service-stack.js';
import { type CfnResource, resourceNamed, resources, SYNTH_TIMEOUT_MS, synthesize, type Synthesized } from './synth.js';

let built: Synthesized;
// Synthesis is work: it runs as a test, so a slow one fails loudly (the tests below read its templates).
it('synthesizes the app', () => {
  built = synthesize();
}, SYNTH_TIMEOUT_MS);

const LIMIT_NAMES = [...Object.keys(NUMERIC_PARAMETERS), ...Object.keys(TEXT_PARAMETERS)];

function functionsByService(): Record<string, [string, CfnResource]> {
  const out: Record<string, [string, CfnResource]> = {};
  for (const [id, fn] of Object.entries(resources(built.serviceTemplate, 'AWS::Lambda::Function'))) {
    const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    out[String(env.POWERTOOLS_SERVICE_NAME)] = [id, fn];
  }
  return out;
}

function envOf(service: string): Record<string, unknown> {
  const entry = functionsByService()[service];
  if (!entry) throw new Error(`no function with POWERTOOLS_SERVICE_NAME=${service}`);
  return (entry[1].Properties.Environment as { Variables: Record<string, unknown> }).Variables;
}

const fnRef = (service: string) => ({ 'Fn::GetAtt': [functionsByService()[service]?.[0], 'Arn'] });

describe('functions: project defaults (infra/constructs/supervisor-function.ts)', () => {
  it('are the services of SERVICE_NAMES (digest among them), and the fair-use limits custom resource', () => {
    expect(Object.keys(functionsByService()).sort()).toEqual([...Object.values(SERVICE_NAMES), 'fair-use-limits'].sort());
  });

  it('run Node.js 24 on ARM64 with X-Ray active, ESM bundles and JSON logs', () => {
    built.serviceTemplate.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Handler: 'index.handler',
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON', LogGroup: { Ref: Match.anyValue() } }),
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: Match.anyValue() }) },
    });
  });

  it('write to their own log group, kept for a year and retained', () => {
    for (const [, fn] of Object.values(functionsByService())) {
      const logGroupId = ((fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup).Ref;
      const group = resources(built.serviceTemplate, 'AWS::Logs::LogGroup')[logGroupId];
      expect(group?.Properties.RetentionInDays).toBe(365);
      expect(group?.DeletionPolicy).toBe('Retain');
    }
  });

  it('have roles without managed policies', () => {
    built.serviceTemplate.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });

  it('run one scan and one digest at a time (reserved concurrency 1)', () => {
    expect(functionsByService().scan?.[1].Properties.ReservedConcurrentExecutions).toBe(1);
    expect(functionsByService().digest?.[1].Properties.ReservedConcurrentExecutions).toBe(1);
  });
});

describe('functions: environment bound to their resources and the parameters', () => {
  it('intake: table, queue, court secrets; no limits', () => {
    const env = envOf('intake');
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['TABLE_NAME', 'QUEUE_URL', 'COURT_SECRETS_PREFIX']));
    expect(env.COURT_SECRETS_PREFIX).toBe(loadCourts().secretPrefix);
    for (const name of LIMIT_NAMES) expect(env[name]).toBeUndefined();
  });

  it.each([
    ['apply', ['TABLE_NAME']],
    ['scan', ['TABLE_NAME', 'TOPIC_ARN']],
    ['digest', ['TABLE_NAME', 'TOPIC_ARN', 'COURT_IDS']],
    ['read', ['TABLE_NAME', 'COURT_SECRETS_PREFIX']],
  ])('%s: every limit parameter as a variable of the same name (rulesFromEnv requires all); DigestSchedule only for digest', (service, resourcesVars) => {
    const env = envOf(service);
    expect(Object.keys(env)).toEqual(expect.arrayContaining(resourcesVars));
    for (const name of LIMIT_NAMES) expect(env[name], name).toEqual(name === 'DigestSchedule' && service !== 'digest' ? undefined : { Ref: name });
  });

  it('fit the 4 KB Lambda environment limit with the longest values the parameters allow', () => {
    const longest: Record<string, number> = {
      TABLE_NAME: 80,
      QUEUE_URL: 130,
      TOPIC_ARN: 130,
      COURT_SECRETS_PREFIX: loadCourts().secretPrefix.length,
      ...Object.fromEntries(Object.entries(NUMERIC_PARAMETERS).map(([n, p]) => [n, String(p.max).length])),
      TriagePrecedence: 60,
      ScanSchedule: 60,
      DigestSchedule: 60,
      COURT_IDS: 400,
      HolidayOverrides: built.service.parameters.byName.HolidayOverrides.maxLength ?? Infinity,
    };
    for (const service of Object.values(SERVICE_NAMES)) {
      const env = envOf(service);
      // JSON of the map, as Lambda measures it; quotes inside HolidayOverrides escape (+15 % margin).
      const size = Object.entries(env).reduce(
        (sum, [k, v]) => sum + k.length + 6 + (typeof v === 'string' ? v.length : Math.ceil((longest[k] ?? 150) * (k === 'HolidayOverrides' ? 1.15 : 1))),
        2,
      );
      expect(size, service).toBeLessThan(4096);
    }
  });
});

describe('queue: intake → apply', () => {
  it('redrives to an encrypted dead-letter queue after 5 receives', () => {
    const [dlqId] = resourceNamed(built.serviceTemplate, 'AWS::SQS::Queue', 'CaseDeadLetters');
    built.serviceTemplate.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 180,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    built.serviceTemplate.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  it('feeds apply in batches of 10 with partial batch failures', () => {
    const [queueId] = resourceNamed(built.serviceTemplate, 'AWS::SQS::Queue', 'CaseQueue');
    built.serviceTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      FunctionName: { Ref: functionsByService().apply?.[0] },
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: Match.anyValue(),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });
});

describe('schedule: ScanSchedule → scan', () => {
  it('a rule with the parameter as its schedule targets the scan function', () => {
    built.serviceTemplate.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: { Ref: 'ScanSchedule' },
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: fnRef('scan') })],
    });
    built.serviceTemplate.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'events.amazonaws.com',
      FunctionName: fnRef('scan'),
    });
  });
});

describe('schedule: DigestSchedule → digest (README "The morning digest and 通报")', () => {
  it('a rule every day at the parameter\'s minute and hour targets the digest function, which is retried twice', () => {
    const fields = { 'Fn::Split': [' ', { Ref: 'DigestSchedule' }] };
    built.serviceTemplate.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: { 'Fn::Join': [' ', [{ 'Fn::Select': [0, fields] }, { 'Fn::Select': [1, fields] }, '* * ? *)']] },
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: fnRef('digest') })],
    });
    built.serviceTemplate.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'events.amazonaws.com', FunctionName: fnRef('digest') });
    built.serviceTemplate.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionsByService().digest?.[0] },
      MaximumRetryAttempts: 2,
    });
  });

  it('the digest function knows the deployed courts (each gets the director\'s digest) and may publish to the notice topic', () => {
    expect(envOf('digest').COURT_IDS).toBe(loadCourts().courts.map((c) => c.id).join(','));
    const [topicId] = resourceNamed(built.serviceTemplate, 'AWS::SNS::Topic', 'Notices');
    const policy = Object.entries(resources(built.serviceTemplate, 'AWS::IAM::Policy')).find(([id]) => id.startsWith('DigestRole'))?.[1];
    const statements = (policy?.Properties.PolicyDocument as { Statement: Array<{ Action: string | string[]; Resource: unknown }> }).Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Action: 'sns:Publish', Resource: { Ref: topicId } }));
    expect(statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
  });

  it('its failures alarm the operators like every function\'s', () => {
    built.serviceTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: Match.stringLikeRegexp('-Digest-Errors$'),
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionsByService().digest?.[0] } }],
    });
  });
});

describe('court API (REST API) and fair use (AWS WAF)', () => {
  const methods = () =>
    built.service.api.methods.filter((m) => m.httpMethod !== 'OPTIONS').map((m) => ({ key: `${m.httpMethod} ${m.resource.path}`, method: m }));

  it('has exactly the routes of functions/commons/routes.ts, each to its function (the board\'s to the board)', () => {
    expect(methods().map((m) => m.key).sort()).toEqual([INTAKE_ROUTE, ...Object.values(READ_ROUTES), ...Object.values(METRICS_ROUTES), ...Object.values(BOARD_ROUTES)].sort());
    const board = new Set<string>(Object.values(BOARD_ROUTES));
    const metrics = new Set<string>(Object.values(METRICS_ROUTES));
    for (const { key, method } of methods()) {
      const service = key === INTAKE_ROUTE ? 'intake' : board.has(key) ? 'board' : metrics.has(key) ? 'metrics' : 'read';
      const cfn = resources(built.serviceTemplate, 'AWS::ApiGateway::Method')[built.service.getLogicalId(method.node.defaultChild as never)];
      const uri = JSON.stringify((cfn?.Properties.Integration as { Uri: unknown }).Uri);
      expect(uri, key).toContain(JSON.stringify(fnRef(service)['Fn::GetAtt'][0]));
      expect((cfn?.Properties.Integration as { Type: string }).Type).toBe('AWS_PROXY');
    }
  });

  it('hands the functions the raw body bytes: every media type is binary (base64 to the function)', () => {
    built.serviceTemplate.hasResourceProperties('AWS::ApiGateway::RestApi', { BinaryMediaTypes: ['*/*'], EndpointConfiguration: { Types: ['REGIONAL'] } });
  });

  it('logs access by route template: never paths or query strings (case numbers, access codes)', () => {
    const [logId] = resourceNamed(built.serviceTemplate, 'AWS::Logs::LogGroup', 'CourtApiAccessLogs');
    built.serviceTemplate.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'api',
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context\\.resourcePath') },
    });
    expect(JSON.stringify(Object.values(resources(built.serviceTemplate, 'AWS::ApiGateway::Stage'))[0]?.Properties.AccessLogSetting)).toContain(logId);
    const stage = Object.values(resources(built.serviceTemplate, 'AWS::ApiGateway::Stage'))[0];
    const format = String((stage?.Properties.AccessLogSetting as { Format: string }).Format);
    expect(format).not.toMatch(/querystring|\$context\.path/i);
    expect(stage?.Properties.MethodSettings).toBeUndefined(); // no stage-wide throttle every court would share
  });

  const webAcl = () => Object.values(resources(built.serviceTemplate, 'AWS::WAFv2::WebACL'))[0] as CfnResource;
  const rule = (name: string) => {
    const found = (webAcl().Properties.Rules as Array<{ Name: string; Statement: { RateBasedStatement: Record<string, unknown> }; Action: unknown }>).find((r) => r.Name === name);
    if (!found) throw new Error(`no rule ${name}`);
    return found;
  };
  const limitFrom = (attribute: string) => ({ 'Fn::GetAtt': [resourceNamed(built.serviceTemplate, 'Custom::FairUseLimits', 'FairUseWindowLimits')[0], attribute] });

  it('a regional web ACL guards the stage', () => {
    expect(webAcl().Properties.Scope).toBe('REGIONAL');
    const [aclId] = resourceNamed(built.serviceTemplate, 'AWS::WAFv2::WebACL', 'FairUseWebAcl');
    built.serviceTemplate.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { WebACLArn: { 'Fn::GetAtt': [aclId, 'Arn'] }, ResourceArn: Match.anyValue() });
    const association = Object.values(resources(built.serviceTemplate, 'AWS::WAFv2::WebACLAssociation'))[0];
    expect(JSON.stringify(association?.Properties.ResourceArn)).toContain('/stages/');
  });

  it('counts each court per (X-Court-Id, client address): a forger elsewhere cannot use up a court\'s capacity', () => {
    const court = rule('CourtPerCourtAndAddress').Statement.RateBasedStatement;
    expect(court.AggregateKeyType).toBe('CUSTOM_KEYS');
    expect(court.CustomKeys).toEqual([{ Header: { Name: 'x-court-id', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } }, { IP: {} }]);
    expect(court.Limit).toEqual(limitFrom('CourtLimit'));
    expect(court.EvaluationWindowSec).toBe(60);
    expect(JSON.stringify(court.ScopeDownStatement)).toContain('NotStatement');
  });

  it('counts the public timeline and requests without X-Court-Id per client address, at the public limits', () => {
    for (const name of ['PublicTimelinePerAddress', 'UnsignedPerAddress']) {
      const statement = rule(name).Statement.RateBasedStatement;
      expect(statement.AggregateKeyType).toBe('IP');
      expect(statement.Limit).toEqual(limitFrom('PublicLimit'));
      expect(JSON.stringify(statement.ScopeDownStatement)).toContain('/v1/public/');
    }
  });

  it('answers over-limit requests 429 with Retry-After and a JSON body pointing to docs/API.md', () => {
    for (const r of ['CourtPerCourtAndAddress', 'UnsignedPerAddress', 'PublicTimelinePerAddress']) {
      expect(rule(r).Action).toEqual({ Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'tooManyRequests', ResponseHeaders: [{ Name: 'Retry-After', Value: '60' }] } } });
    }
    const bodies = webAcl().Properties.CustomResponseBodies as Record<string, { Content: string }>;
    expect(JSON.parse(bodies.tooManyRequests?.Content ?? '{}')).toMatchObject({ see: 'docs/API.md#rate-limits' });
  });

  it('takes the WAF limits from the four fair-use parameters (burst + rate × 60)', () => {
    built.serviceTemplate.hasResourceProperties('Custom::FairUseLimits', {
      ServiceToken: Match.anyValue(),
      CourtRateLimit: { Ref: 'CourtRateLimit' },
      CourtBurstLimit: { Ref: 'CourtBurstLimit' },
      PublicRateLimit: { Ref: 'PublicRateLimit' },
      PublicBurstLimit: { Ref: 'PublicBurstLimit' },
    });
  });
});

describe('notices: topic and subscriptions from infra/config/subscriptions.json', () => {
  it('the notice topic is encrypted (aws/sns) and refuses plain HTTP', () => {
    const [topicId, topic] = resourceNamed(built.serviceTemplate, 'AWS::SNS::Topic', 'Notices');
    expect(JSON.stringify(topic.Properties.KmsMasterKeyId)).toContain('alias/aws/sns');
    built.serviceTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  const expectSubscriptions = (template: Synthesized['serviceTemplate'], file?: string) => {
    const [topicId] = resourceNamed(template, 'AWS::SNS::Topic', 'Notices');
    const [dlqId] = resourceNamed(template, 'AWS::SQS::Queue', 'NoticeDeadLetters');
    const config = loadSubscriptions(file);
    const subscriptions = Object.values(resources(template, 'AWS::SNS::Subscription')).filter(
      (s) => JSON.stringify(s.Properties.TopicArn) === JSON.stringify({ Ref: topicId }),
    );
    expect(subscriptions).toHaveLength(config.notices.length);
    for (const s of config.notices) {
      // Notices only unless the entry opts in to digests; a digest has no level.
      const shared = { ...(s.teams ? { team: s.teams } : {}), ...(s.courts ? { court: s.courts } : {}) };
      const kinds = s.kinds ?? ['notice'];
      const filter =
        s.levels && kinds.length === 2
          ? { ...shared, $or: [{ kind: ['notice'], level: s.levels }, { kind: ['digest'] }] }
          : { kind: kinds, ...(s.levels ? { level: s.levels } : {}), ...shared };
      template.hasResourceProperties('AWS::SNS::Subscription', {
        TopicArn: { Ref: topicId },
        Protocol: s.protocol,
        Endpoint: s.endpoint,
        FilterPolicy: filter,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
        ...(s.protocol === 'https' ? { RawMessageDelivery: s.rawMessageDelivery ?? false, DeliveryPolicy: Match.objectLike({}) } : {}),
      });
    }
  };

  it('one subscription per entry, filtered on the message attributes kind / team / level / court', () => {
    expectSubscriptions(built.serviceTemplate);
  });

  it('filter policies: notices unless digests are asked for; levels filter notices only', () => {
    const base = { name: 'x', protocol: 'email', endpoint: 'a@example.org' } as const;
    expect(filterPolicyOf(base)).toEqual({ kind: ['notice'] });
    expect(filterPolicyOf({ ...base, levels: ['supervise'] })).toEqual({ kind: ['notice'], level: ['supervise'] });
    expect(filterPolicyOf({ ...base, kinds: ['digest'], teams: ['all'] })).toEqual({ kind: ['digest'], team: ['all'] });
    expect(filterPolicyOf({ ...base, kinds: ['notice', 'digest'], courts: ['wuzhi'] })).toEqual({ kind: ['notice', 'digest'], court: ['wuzhi'] });
    expect(filterPolicyOf({ ...base, kinds: ['notice', 'digest'], teams: ['simple'], levels: ['urge'] })).toEqual({
      team: ['simple'],
      $or: [{ kind: ['notice'], level: ['urge'] }, { kind: ['digest'] }],
    });
  });

  it('supports every protocol (email, sms, https with raw delivery) from another file', () => {
    const file = new URL('./fixtures/subscriptions-all-protocols.json', import.meta.url).pathname;
    expectSubscriptions(synthesize({ subscriptionsFile: file }).serviceTemplate, file);
  }, SYNTH_TIMEOUT_MS);
});

describe('operations: alarms to the ops topic, dashboard', () => {
  const alarms = () => Object.values(resources(built.serviceTemplate, 'AWS::CloudWatch::Alarm'));
  const opsRef = () => ({ Ref: resourceNamed(built.serviceTemplate, 'AWS::SNS::Topic', 'OpsAlerts')[0] });

  it('every alarm notifies the ops topic on ALARM and OK', () => {
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) {
      expect(alarm.Properties.AlarmActions).toEqual([opsRef()]);
      expect(alarm.Properties.OKActions).toEqual([opsRef()]);
    }
  });

  it('the ops topic has the configured subscribers', () => {
    for (const s of loadSubscriptions().operations) {
      built.serviceTemplate.hasResourceProperties('AWS::SNS::Subscription', { TopicArn: opsRef(), Protocol: s.protocol, Endpoint: s.endpoint });
    }
  });

  it('alarms on a non-empty case dead-letter queue', () => {
    const [dlqId] = resourceNamed(built.serviceTemplate, 'AWS::SQS::Queue', 'CaseDeadLetters');
    built.serviceTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    });
  });

  it.each(Object.values(SERVICE_NAMES))('alarms on Errors and Throttles of %s', (service) => {
    for (const metricName of ['Errors', 'Throttles']) {
      built.serviceTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: metricName,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionsByService()[service]?.[0] } }],
        Threshold: 0,
      });
    }
  });

  it('alarms when the scan falls behind or stops (ScanLag, missing data breaches)', () => {
    built.serviceTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS_NAMESPACE,
      MetricName: 'ScanLag',
      Dimensions: [{ Name: 'service', Value: SERVICE_NAMES.scan }],
      Statistic: 'Maximum',
      Period: { Ref: 'ScanLagAlarmSeconds' },
      Threshold: { Ref: 'ScanLagAlarmSeconds' },
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'breaching',
    });
  });

  /** The dashboard's metric lines `[namespace, name, dimension, value, ..., options?]`, tokens as 0. */
  const dashboardMetrics = (): { namespace: string; name: string; dimensions: Record<string, string> }[] => {
    const body = Object.values(resources(built.serviceTemplate, 'AWS::CloudWatch::Dashboard'))[0]?.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] };
    const text = body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : '0')).join('');
    const widgets = (JSON.parse(text) as { widgets: { properties: { metrics?: unknown[][] } }[] }).widgets;
    return widgets.flatMap((w) =>
      (w.properties.metrics ?? []).map((line) => {
        const [namespace, name, ...rest] = line.filter((x): x is string => typeof x === 'string');
        const dimensions: Record<string, string> = {};
        for (let i = 0; i + 1 < rest.length; i += 2) dimensions[rest[i] ?? ''] = rest[i + 1] ?? '';
        return { namespace: namespace ?? '', name: name ?? '', dimensions };
      }),
    );
  };
  const handlerSource = (service: string) => readFileSync(new URL(`../../functions/handlers/${service}.ts`, import.meta.url), 'utf8');

  it('custom metrics (alarms and dashboard) use the names and the service dimension the functions emit', () => {
    const custom = [
      ...alarms()
        .filter((a) => a.Properties.Namespace === METRICS_NAMESPACE)
        .map((a) => ({
          name: String(a.Properties.MetricName),
          dimensions: Object.fromEntries((a.Properties.Dimensions as { Name: string; Value: string }[]).map((d) => [d.Name, d.Value])),
        })),
      ...dashboardMetrics().filter((m) => m.namespace === METRICS_NAMESPACE),
    ];
    expect(custom.length).toBeGreaterThan(10);
    for (const { name, dimensions } of custom) {
      const service = dimensions.service ?? '';
      expect(Object.values(SERVICE_NAMES), `${name}: service dimension`).toContain(service);
      expect(handlerSource(service), `${name} emitted by ${service}`).toContain(`'${name}'`);
      // Powertools adds `service`; the only other dimensions the handlers add are level and team.
      for (const extra of Object.keys(dimensions).filter((d) => d !== 'service')) expect(handlerSource(service)).toContain(`addDimension('${extra}'`);
    }
  });

  it('the dashboard shows events, notices by level, overdue nodes by team, scan duration and DLQ depth', () => {
    const metrics = dashboardMetrics();
    const has = (name: string, dimensions: Record<string, string> = {}) =>
      metrics.some((m) => m.name === name && Object.entries(dimensions).every(([k, v]) => m.dimensions[k] === v));
    for (const name of ['EventsAccepted', 'EventsDuplicate', 'EventsConflict', 'EventsRejected']) expect(has(name, { service: 'intake' }), name).toBe(true);
    for (const level of LEVELS) expect(has('NoticesPublished', { service: 'scan', level }), level).toBe(true);
    for (const team of TEAMS) expect(has('NodesOverdue', { service: 'scan', team }), team).toBe(true);
    expect(has('ScanDuration', { service: 'scan' })).toBe(true);
    expect(metrics.filter((m) => m.name === 'ApproximateNumberOfMessagesVisible')).toHaveLength(2);
  });
});

describe('IAM: least privilege', () => {
  type Statement = { Effect: string; Action: string | string[]; Resource?: unknown };
  const statements = (): Statement[] => {
    const out: Statement[] = [];
    for (const template of [built.dataTemplate, built.serviceTemplate]) {
      for (const type of ['AWS::IAM::Policy', 'AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy']) {
        for (const r of Object.values(resources(template, type))) {
          out.push(...(r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
        }
      }
      for (const r of Object.values(resources(template, 'AWS::IAM::Role'))) {
        for (const p of (r.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[] | undefined) ?? []) out.push(...p.PolicyDocument.Statement);
      }
    }
    return out;
  };
  const actions = (s: Statement) => [s.Action].flat();

  it('no statement allows a wildcard action', () => {
    const allows = statements().filter((s) => s.Effect === 'Allow');
    expect(allows.length).toBeGreaterThan(0);
    for (const s of allows) for (const a of actions(s)) expect(a, JSON.stringify(s)).not.toContain('*');
  });

  it('Resource "*" only where X-Ray requires it', () => {
    for (const s of statements().filter((x) => x.Effect === 'Allow' && JSON.stringify(x.Resource) === '"*"')) {
      expect(actions(s).every((a) => a.startsWith('xray:'))).toBe(true);
    }
  });

  it('intake, read and metrics may read exactly the configured courts\u2019 secrets', () => {
    const courts = loadCourts();
    const expected = courts.courts.map((c) => `:secret:${courts.secretPrefix}${c.id}-??????`);
    // The board's own secrets (session key, client secret) are checked in test/infra/board-stack.test.ts.
    const courtSecret = (s: { Resource?: unknown }) => JSON.stringify(s.Resource).includes(`:secret:${courts.secretPrefix}`);
    const secretStatements = statements().filter((s) => actions(s).includes('secretsmanager:GetSecretValue') && courtSecret(s));
    expect(secretStatements).toHaveLength(3);
    for (const s of secretStatements) {
      const all = [s.Resource].flat().map((r) => JSON.stringify(r));
      const arns = all.filter((a) => a.includes(`:secret:${courts.secretPrefix}`));
      // Beside the courts' secrets, only the board's session key (the read and metrics functions accept board sessions).
      for (const other of all.filter((a) => !arns.includes(a))) expect(other).toMatch(/BoardSignInSessionKey/);
      expect(arns).toHaveLength(expected.length);
      for (const suffix of expected) expect(arns.some((a) => a.includes(suffix))).toBe(true);
    }
  });

  it('some role grants every DynamoDB command the store adapters send', () => {
    const dir = new URL('../../functions/adapters/', import.meta.url);
    const adapters = readdirSync(dir).filter((f) => /^dynamo-.*\.ts$/.test(f));
    expect(adapters.length).toBeGreaterThan(5);
    const source = adapters.map((f) => readFileSync(new URL(f, dir), 'utf8')).join('\n');
    const commands = new Set([...source.matchAll(/new (\w+)Command\(/g)].map((m) => m[1] ?? ''));
    const ACTION: Record<string, string> = {
      Get: 'GetItem', Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', BatchGet: 'BatchGetItem',
      BatchWrite: 'BatchWriteItem', Query: 'Query', Scan: 'Scan', TransactWrite: 'TransactWriteItems', TransactGet: 'TransactGetItems',
    };
    // Some role grants each (which role exactly: test/infra/least-privilege.test.ts runs the flows).
    const granted = Object.values(resources(built.serviceTemplate, 'AWS::IAM::Policy')).flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement.flatMap(actions));
    expect(commands.size).toBeGreaterThan(0);
    for (const command of commands) {
      expect(ACTION[command], `unknown command ${command}Command: map it and grant it in supervisor-function.ts`).toBeDefined();
      expect(granted, command).toContain(`dynamodb:${ACTION[command]}`);
    }
  });

  it('metrics reads the metrics items (M#…) and nothing else of the table: no write, no index, no case', () => {
    const policy = Object.entries(resources(built.serviceTemplate, 'AWS::IAM::Policy')).find(([id]) => id.startsWith('MetricsRole'))?.[1];
    const tableStatements = (policy?.Properties.PolicyDocument as { Statement: (Statement & { Condition?: unknown })[] }).Statement.filter((s) =>
      actions(s).some((a) => a.startsWith('dynamodb:')),
    );
    expect(tableStatements).toHaveLength(1);
    const [only] = tableStatements;
    expect(actions(only as Statement).sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
    expect(JSON.stringify(only?.Resource)).not.toContain('/index/');
    expect(only?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['M#*'] } });
  });

  it('read is read-only on the table', () => {
    const readPolicy = Object.entries(resources(built.serviceTemplate, 'AWS::IAM::Policy')).find(([id]) => id.startsWith('ReadRole'))?.[1];
    const tableActions = (readPolicy?.Properties.PolicyDocument as { Statement: Statement[] }).Statement.flatMap(actions).filter((a) => a.startsWith('dynamodb:'));
    expect(tableActions.sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
  });
});
