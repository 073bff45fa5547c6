/**
 * The service stack: the HTTP API, the five functions, the case queue, the notice topic
 * and its subscribers, the scan schedule, and operations (alarms, dashboard). It holds the
 * admin parameters (README §10); every function that evaluates limits receives all of
 * them as environment variables of the same name, so a changed parameter reaches the
 * functions with the deploy.
 */
import { CfnOutput, Duration, Fn, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as kms from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { NoticeSubscription, SubscriptionsConfig } from '../config.js';
import { CourtApi } from '../constructs/court-api.js';
import { FairUseFirewall } from '../constructs/fair-use-firewall.js';
import { BoardSignIn } from '../constructs/board-sign-in.js';
import { OperationsMonitoring } from '../constructs/operations-monitoring.js';
import { SupervisorFunction } from '../constructs/supervisor-function.js';
import { SupervisorParameters } from '../parameters.js';

/** `POWERTOOLS_SERVICE_NAME` of each function: the `service` dimension of its metrics. */
export const SERVICE_NAMES = { intake: 'intake', apply: 'apply', scan: 'scan', digest: 'digest', read: 'read', metrics: 'metrics', board: 'board' } as const;

/** Apply's timeout; the queue's visibility timeout is six times it (AWS guidance for SQS event sources). */
const APPLY_TIMEOUT = Duration.seconds(30);
/** Case messages that fail this many times go to the dead-letter queue. */
export const MAX_RECEIVE_COUNT = 5;

/** Partition keys of the metrics items (table-keys.ts `metricsPk`): all the metrics function may read. */
export const METRICS_ITEMS = 'M#*';

export interface ServiceStackProps extends StackProps {
  readonly table: ITable;
  readonly courtSecretPrefix: string;
  readonly courtIds: readonly string[];
  /** Court codes by court id (courts.json `codes`). */
  readonly courtCodes: Readonly<Record<string, readonly string[]>>;
  readonly subscriptions: SubscriptionsConfig;
}

/**
 * SNS filter policy on the message attributes (README "Escalation"): `kind` (notices unless the
 * entry opts in to digests), `team` and `court` for both, `level` for notices only — a
 * digest has no level, so an entry that takes both kinds and filters levels gets an
 * `$or` of the two.
 */
export function filterPolicyOf(subscription: NoticeSubscription): Record<string, unknown> {
  const kinds = subscription.kinds ?? ['notice'];
  const shared = {
    ...(subscription.teams ? { team: [...subscription.teams] } : {}),
    ...(subscription.courts ? { court: [...subscription.courts] } : {}),
  };
  if (!subscription.levels || !kinds.includes('notice')) return { kind: [...kinds], ...shared };
  if (!kinds.includes('digest')) return { kind: ['notice'], level: [...subscription.levels], ...shared };
  return { ...shared, $or: [{ kind: ['notice'], level: [...subscription.levels] }, { kind: ['digest'] }] };
}

const PROTOCOLS = { email: sns.SubscriptionProtocol.EMAIL, sms: sns.SubscriptionProtocol.SMS, https: sns.SubscriptionProtocol.HTTPS } as const;

export class ServiceStack extends Stack {
  readonly parameters: SupervisorParameters;
  readonly courtApi: CourtApi;
  readonly api: RestApi;
  readonly fairUse: FairUseFirewall;
  readonly caseQueue: sqs.Queue;
  readonly caseDeadLetterQueue: sqs.Queue;
  readonly noticeTopic: sns.Topic;
  readonly noticeDeadLetterQueue: sqs.Queue;
  readonly opsTopic: sns.Topic;
  readonly intake: SupervisorFunction;
  readonly apply: SupervisorFunction;
  readonly scan: SupervisorFunction;
  readonly digest: SupervisorFunction;
  readonly read: SupervisorFunction;
  readonly boardSignIn: BoardSignIn;
  readonly metrics: SupervisorFunction;
  readonly scanRule: events.Rule;
  readonly digestRule: events.Rule;
  readonly monitoring: OperationsMonitoring;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    this.parameters = new SupervisorParameters(this);
    const limits = this.parameters.limitsEnvironment();

    // Queue: intake → apply --------------------------------------------------------------
    this.caseDeadLetterQueue = new sqs.Queue(this, 'CaseDeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.caseDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This is the dead-letter queue of CaseQueue; a dead-letter queue of its own would only move the same messages once more.',
    });
    this.caseQueue = new sqs.Queue(this, 'CaseQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(APPLY_TIMEOUT.toSeconds() * 6),
      // Shorter than the dead-letter queue's 14 days: a moved message keeps its enqueue time.
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.caseDeadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });

    // Notices ---------------------------------------------------------------------------
    // AWS managed key (aws/sns): only the scan function publishes, and the key policy of
    // an AWS managed key already lets principals of this account use it through SNS.
    this.noticeTopic = new sns.Topic(this, 'Notices', {
      // ASCII only: SNS uses it as the e-mail sender name and SMS prefix.
      displayName: 'Enforcement deadlines',
      masterKey: kms.Alias.fromAliasName(this, 'SnsManagedKey', 'alias/aws/sns'),
      enforceSSL: true,
    });
    this.noticeDeadLetterQueue = new sqs.Queue(this, 'NoticeDeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.noticeDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This is the dead-letter queue of the notice subscriptions (SNS redrive); it needs no dead-letter queue of its own.',
    });
    for (const subscription of props.subscriptions.notices) {
      const created = new sns.Subscription(this, `Notice-${subscription.name}`, {
        topic: this.noticeTopic,
        protocol: PROTOCOLS[subscription.protocol],
        endpoint: subscription.endpoint,
        deadLetterQueue: this.noticeDeadLetterQueue,
        ...(subscription.protocol === 'https'
          ? {
              rawMessageDelivery: subscription.rawMessageDelivery ?? false,
              // An SMS gateway that is down for a while gets the notice later, not never.
              deliveryPolicy: {
                healthyRetryPolicy: {
                  numRetries: 12,
                  numMinDelayRetries: 2,
                  numMaxDelayRetries: 4,
                  minDelayTarget: Duration.seconds(10),
                  maxDelayTarget: Duration.seconds(300),
                  backoffFunction: sns.BackoffFunction.EXPONENTIAL,
                },
                requestPolicy: { headerContentType: 'application/json; charset=UTF-8' },
              },
            }
          : {}),
      });
      // Raw policy: the construct's typed filters have no `$or` (filterPolicyOf).
      (created.node.defaultChild as sns.CfnSubscription).filterPolicy = filterPolicyOf(subscription);
    }

    // Operations topic: alarm messages carry alarm names and metric values, no case data.
    // It stays unencrypted because CloudWatch cannot publish to a topic under the AWS
    // managed SNS key, and a customer key for alarm texts is not worth its key policy.
    this.opsTopic = new sns.Topic(this, 'OpsAlerts', { displayName: 'Deadline supervisor operations', enforceSSL: true });
    for (const subscription of props.subscriptions.operations) {
      new sns.Subscription(this, `Ops-${subscription.name}`, {
        topic: this.opsTopic,
        protocol: PROTOCOLS[subscription.protocol],
        endpoint: subscription.endpoint,
      });
    }

    // Functions -------------------------------------------------------------------------
    this.intake = new SupervisorFunction(this, 'Intake', {
      entry: 'intake.ts',
      serviceName: SERVICE_NAMES.intake,
      description: 'POST /v1/events: verify the court signature, store events, queue cases',
    })
      .withTable(props.table, 'intake')
      .withQueueToSend(this.caseQueue)
      .withCourtSecrets(props.courtSecretPrefix, props.courtIds)
      .withCourtCodes(props.courtCodes);

    this.apply = new SupervisorFunction(this, 'Apply', {
      entry: 'apply.ts',
      serviceName: SERVICE_NAMES.apply,
      description: 'SQS consumer: triage and node updates per case',
      timeout: APPLY_TIMEOUT,
    })
      .withTable(props.table, 'apply')
      .withEnvironment(limits);
    this.apply.function.addEventSource(
      new SqsEventSource(this.caseQueue, {
        // Up to 100 messages gathered for up to 2 s: events of one case that arrive
        // together are folded together (one snapshot write), invocations stay few.
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(2),
        reportBatchItemFailures: true,
        // Bounds the write burst on the table when a court posts a backlog.
        maxConcurrency: 10,
      }),
    );

    this.scan = new SupervisorFunction(this, 'Scan', {
      entry: 'scan.ts',
      serviceName: SERVICE_NAMES.scan,
      description: 'Scheduled deadline scan: escalate due nodes, publish notices',
      memorySize: 1024,
      timeout: Duration.minutes(5),
      // One scan at a time: overlapping runs would only contend for the same cases.
      reservedConcurrentExecutions: 1,
    })
      .withTable(props.table, 'scan')
      .withTopicToPublish(this.noticeTopic)
      .withEnvironment(limits);
    // A delayed or retried run still judges deadlines as of its scheduled time and never
    // sends a notice twice (ledger); after an hour the next runs have covered it.
    this.scan.function.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(1) });

    // The morning digest: its own function (its reads — a day of the due index, each
    // court's overdue listing — are not the scan's to wait for), table access for the
    // digest ledger (`META#digest#…`, conditional writes), the topic to publish to.
    this.digest = new SupervisorFunction(this, 'Digest', {
      entry: 'digest.ts',
      serviceName: SERVICE_NAMES.digest,
      description: 'Morning digest and tongbao (DigestSchedule): one per team with something to report and one for the director, per court',
      memorySize: 1024,
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: 1,
    })
      .withTable(props.table, 'digest')
      .withTopicToPublish(this.noticeTopic)
      .withEnvironment({ ...this.parameters.digestEnvironment(), COURT_IDS: props.courtIds.join(',') });
    // A failed publish fails the run; the retries send only what is missing (digest ledger).
    this.digest.function.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(2) });

    this.read = new SupervisorFunction(this, 'Read', {
      entry: 'read.ts',
      serviceName: SERVICE_NAMES.read,
      description: 'GET /v1/cases, GET /v1/cases/{caseNo}, GET /v1/public/cases/{caseNo}/timeline, GET /v1/openapi.json',
    })
      .withTable(props.table, 'read')
      .withCourtSecrets(props.courtSecretPrefix, props.courtIds)
      .withCourtCodes(props.courtCodes)
      .withEnvironment(limits);

    // The command-centre board: its pages and sign-in; the read function accepts its sessions.
    this.boardSignIn = new BoardSignIn(this, 'BoardSignIn', { parameters: this.parameters, courtIds: props.courtIds });
    this.read.withSecretToRead('BOARD_SESSION_SECRET_ARN', this.boardSignIn.sessionKey);
    // The leadership metrics read bucket summaries only: the role reaches `M#…` items and nothing else.
    this.metrics = new SupervisorFunction(this, 'Metrics', {
      entry: 'metrics.ts',
      serviceName: SERVICE_NAMES.metrics,
      description: 'GET /v1/metrics, GET /v1/metrics.csv: the leadership metrics from daily summaries',
    })
      .withTable(props.table, 'read', [METRICS_ITEMS])
      .withCourtSecrets(props.courtSecretPrefix, props.courtIds)
      // The board's metrics page reads it with the board session, as the read function's routes.
      .withSecretToRead('BOARD_SESSION_SECRET_ARN', this.boardSignIn.sessionKey);

    // Schedule --------------------------------------------------------------------------
    this.scanRule = new events.Rule(this, 'ScanRule', {
      description: 'Runs the deadline scan on the ScanSchedule parameter',
      schedule: events.Schedule.expression(this.parameters.byName.ScanSchedule.valueAsString),
      targets: [new targets.LambdaFunction(this.scan.function)],
    });

    // Every day at the DigestSchedule's time of day: the function sends on the schedule's
    // days and on 调休 working days (a weekend day worked), which no cron can list. The
    // parameter's pattern makes its first two fields "cron(<minute>" and "<hour>".
    const digestFields = Fn.split(' ', this.parameters.byName.DigestSchedule.valueAsString);
    this.digestRule = new events.Rule(this, 'DigestRule', {
      description: 'Runs the morning digest every day at the DigestSchedule time of day (it sends on the schedule days and on weekend days worked by the holiday arrangement)',
      schedule: events.Schedule.expression(Fn.join(' ', [Fn.select(0, digestFields), Fn.select(1, digestFields), '* * ? *)'])),
      targets: [new targets.LambdaFunction(this.digest.function)],
    });

    // Court API and fair use ----------------------------------------------------------------
    this.courtApi = new CourtApi(this, 'CourtApi', { intake: this.intake.function, read: this.read.function, metrics: this.metrics.function, board: this.boardSignIn.board.function });
    this.api = this.courtApi.api;
    this.fairUse = new FairUseFirewall(this, 'FairUse', { stage: this.courtApi.stage, parameters: this.parameters });

    this.monitoring = new OperationsMonitoring(this, 'Operations', {
      opsTopic: this.opsTopic,
      api: this.api,
      intake: this.intake,
      apply: this.apply,
      scan: this.scan,
      digest: this.digest,
      read: this.read,
      metrics: this.metrics,
      board: this.boardSignIn.board,
      caseDeadLetterQueue: this.caseDeadLetterQueue,
      noticeDeadLetterQueue: this.noticeDeadLetterQueue,
      scanLagAlarmSeconds: this.parameters.byName.ScanLagAlarmSeconds.valueAsNumber,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the API: append v1/events, v1/cases...; signed paths start at /v1/ (docs/API.md)' });
    new CfnOutput(this, 'BoardUrl', { value: this.api.url, description: 'The command-centre board; register <BoardUrl>login/callback as its redirect URI at the provider' });
    new CfnOutput(this, 'BoardClientSecretArn', { value: this.boardSignIn.clientSecret.secretArn, description: 'Put {"clientSecret": "..."} here if the provider issued the board a client secret' });
    new CfnOutput(this, 'NoticeTopicArn', { value: this.noticeTopic.topicArn });
    new CfnOutput(this, 'OpsTopicArn', { value: this.opsTopic.topicArn });
    new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboardName });
    new CfnOutput(this, 'CaseDeadLetterQueueUrl', { value: this.caseDeadLetterQueue.queueUrl });
  }
}
