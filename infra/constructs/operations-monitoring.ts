/**
 * Operations: alarms (to the ops topic) and one dashboard. Metric names and dimensions
 * mirror what the functions emit (functions/commons/metrics.ts, Powertools EMF): every
 * custom metric carries the dimension `service` = the function's POWERTOOLS_SERVICE_NAME,
 * plus `level` (NoticesPublished) or `team` (NodesOverdue).
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../functions/commons/routes.js';
import { LEVELS } from '../../lib/escalation.js';
import { TEAMS } from '../../lib/limits.js';
import type { SupervisorFunction } from './supervisor-function.js';

const FIVE_MINUTES = Duration.minutes(5);

export interface OperationsMonitoringProps {
  readonly opsTopic: ITopic;
  readonly api: RestApi;
  readonly intake: SupervisorFunction;
  readonly apply: SupervisorFunction;
  readonly scan: SupervisorFunction;
  /** The morning digest: its failed publishes fail the invocation, so they count as Errors. */
  readonly digest: SupervisorFunction;
  readonly read: SupervisorFunction;
  /** The board's pages and sign-in. @default - no alarm of its own */
  readonly board?: SupervisorFunction;
  readonly metrics: SupervisorFunction;
  /** Case messages that failed apply `maxReceiveCount` times. */
  readonly caseDeadLetterQueue: IQueue;
  /** Notices SNS could not deliver to a subscriber. */
  readonly noticeDeadLetterQueue: IQueue;
  /**
   * Alarm when the oldest due check waited longer than this, or no scan reported for this
   * long (seconds; a token from the `ScanLagAlarmSeconds` parameter).
   */
  readonly scanLagAlarmSeconds: number;
}

export class OperationsMonitoring extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: OperationsMonitoringProps) {
    super(scope, id);
    this.action = new SnsAction(props.opsTopic);
    const stackName = Stack.of(this).stackName;
    const metric = (fn: SupervisorFunction, metricName: string, statistic: string, extra: Record<string, string> = {}, label?: string) =>
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service: fn.serviceName, ...extra },
        statistic,
        period: FIVE_MINUTES,
        ...(label === undefined ? {} : { label }),
      });

    // Alarms ---------------------------------------------------------------------------
    const deadLetters = (id: string, name: string, queue: typeof props.caseDeadLetterQueue, alarmDescription: string) =>
      this.alarm(id, {
        alarmName: `${stackName}-${name}`,
        alarmDescription,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    deadLetters('CaseDeadLetters', 'CaseDeadLetterQueueNotEmpty', props.caseDeadLetterQueue,
      'Case messages failed apply 5 times and wait in the dead-letter queue; their events are stored but not applied. See README, Deploy to AWS §9 (alarms).');
    deadLetters('NoticeDeadLetters', 'NoticeDeadLetterQueueNotEmpty', props.noticeDeadLetterQueue,
      'SNS could not deliver notices to a subscriber (e-mail, SMS or HTTPS gateway) after its retries; they wait in the notice dead-letter queue.');
    for (const [name, fn] of Object.entries({ Intake: props.intake, Apply: props.apply, Scan: props.scan, Digest: props.digest, Read: props.read, Metrics: props.metrics, ...(props.board ? { Board: props.board } : {}) })) {
      this.alarm(`${name}Errors`, {
        alarmName: `${stackName}-${name}-Errors`,
        alarmDescription: `The ${fn.serviceName} function failed (crash, timeout or failed start, e.g. a parameter the function refuses).`,
        metric: fn.function.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      this.alarm(`${name}Throttles`, {
        alarmName: `${stackName}-${name}-Throttles`,
        alarmDescription:
          name === 'Scan'
            ? 'A scan started while the previous one still ran (reserved concurrency 1): the scan takes longer than the ScanSchedule period.'
            : `Invocations of the ${fn.serviceName} function were throttled (account concurrency exhausted).`,
        metric: fn.function.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
    this.alarm('ApiServerErrors', {
      alarmName: `${stackName}-Api-5xx`,
      alarmDescription: 'The API answered 5xx (internal error, or 503 when DynamoDB / SQS / Secrets Manager failed). Handled errors do not count as function Errors, so this is the alarm for them.',
      metric: props.api.metricServerError({ statistic: 'Sum', period: FIVE_MINUTES }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm('MetricsRollupStuck', {
      alarmName: `${stackName}-Scan-MetricsRollupStuck`,
      alarmDescription:
        'Every scan of the last hour left cases whose leadership metrics are not rolled up (a store fault that does not pass): GET /v1/metrics still answers, summing those days from their entries. See docs/METRICS.md.',
      metric: metric(props.scan, 'MetricsRollupLeft', 'Minimum').with({ period: Duration.hours(1) }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm('NoticeFailures', {
      alarmName: `${stackName}-Scan-NoticeFailures`,
      alarmDescription: 'SNS refused notices; they stay in the outbox and the next scan retries them.',
      metric: metric(props.scan, 'NoticeFailures', 'Sum'),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    // One period = the alarm window: a window without any ScanLag datapoint (no scan
    // finished) is missing data and breaches, so a scan that stops running alarms too.
    const scanLag = this.alarm('ScanLag', {
      alarmName: `${stackName}-Scan-Lag`,
      alarmDescription:
        'The scan is behind: the oldest due check waited longer than ScanLagAlarmSeconds, or no scan reported within that window (schedule stopped, scan failing). ScanLagAlarmSeconds must be at least twice the ScanSchedule period.',
      metric: new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: 'ScanLag',
        dimensionsMap: { service: props.scan.serviceName },
        statistic: 'Maximum',
        period: Duration.minutes(30),
      }),
      threshold: props.scanLagAlarmSeconds,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    // The window is the parameter too; the L2 Metric validates its period at synth time and
    // cannot take a parameter, so it is set on the alarm resource (allowed values: SCAN_LAG_WINDOWS).
    (scanLag.node.defaultChild as cloudwatch.CfnAlarm).period = props.scanLagAlarmSeconds;

    // Dashboard ------------------------------------------------------------------------
    const sum = (fn: SupervisorFunction, name: string, label: string) => metric(fn, name, 'Sum', {}, label);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${stackName}-overview`,
      defaultInterval: Duration.days(1),
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Events received 收到的事件 (per 5 min)',
        left: [
          sum(props.intake, 'EventsAccepted', 'accepted'),
          sum(props.intake, 'EventsDuplicate', 'duplicate'),
          sum(props.intake, 'EventsConflict', 'conflict'),
          sum(props.intake, 'EventsRejected', 'rejected'),
        ],
        stacked: true,
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Cases applied 案件处理 (per 5 min)',
        left: [sum(props.apply, 'CasesApplied', 'applied'), sum(props.apply, 'ApplyFailures', 'returned to queue')],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Notices by level 按级别的通知 (per 5 min)',
        left: LEVELS.map((level) => metric(props.scan, 'NoticesPublished', 'Sum', { level }, level)),
        stacked: true,
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Overdue nodes by team 超期节点（按团队）(per 5 min)',
        left: TEAMS.map((team) => metric(props.scan, 'NodesOverdue', 'Sum', { team }, team)),
        stacked: true,
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Scan duration 扫描耗时 (ms)',
        left: [metric(props.scan, 'ScanDuration', 'Maximum', {}, 'max'), metric(props.scan, 'ScanDuration', 'Average', {}, 'average')],
        right: [sum(props.scan, 'ScanCasesRead', 'cases read')],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Scan lag 扫描滞后 (s)',
        left: [metric(props.scan, 'ScanLag', 'Maximum', {}, 'lag')],
        leftAnnotations: [{ value: props.scanLagAlarmSeconds, label: 'alarm threshold (ScanLagAlarmSeconds)' }],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queues 死信队列',
        left: [
          props.caseDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum', label: 'case messages' }),
          props.noticeDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum', label: 'undelivered notices' }),
        ],
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Function errors 函数错误',
        left: [props.intake, props.apply, props.scan, props.digest, props.read].map((fn) =>
          fn.function.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum', label: fn.serviceName }),
        ),
        width: 12,
      }),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms 告警', alarms: this.alarms, width: 12 }),
    );
  }

  private alarm(id: string, props: cloudwatch.AlarmProps): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, props);
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}
