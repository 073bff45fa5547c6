/**
 * One Lambda function of the supervisor with the project's defaults: Node.js 24 on
 * ARM64, bundled locally by esbuild to ESM, its own log group with retention, X-Ray
 * active, and a role without managed policies. Access is added with `with*` methods that
 * set the environment variable and the matching permission in one call, so a function
 * never has a name without the right to use it (or the reverse).
 */
import { Arn, ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { COURT_INDEX, DUE_INDEX, ROLLUP_INDEX } from '../../functions/adapters/table-design.js';

/** Where the function entries live. */
const FUNCTIONS_DIR = new URL('../../functions/', import.meta.url);
const PROJECT_ROOT = new URL('../../', import.meta.url);

/**
 * esbuild output is ESM; CommonJS dependencies bundled into it still call `require`
 * (for Node built-ins), which ESM does not define. The banner defines it.
 */
const ESM_REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * The DynamoDB actions each function's code calls (its ports' adapters), and nothing
 * else: test/infra/least-privilege.test.ts runs every flow against dynalite, records the
 * actions by function and compares them with the synthesized roles.
 */
export const TABLE_ACTIONS = {
  // Event log only: store events, claim (and give back) cases, record what was accepted.
  intake: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  apply: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
  scan: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  // The morning digest: snapshots, the indexes and the journal read; the digest ledger (`META#digest#…`) written.
  digest: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
} as const;

export type TableAccess = keyof typeof TABLE_ACTIONS;

export interface SupervisorFunctionProps {
  /** Entry file under `functions/`, e.g. `intake.ts`. */
  readonly entry: string;
  /** `POWERTOOLS_SERVICE_NAME`: the `service` dimension of the function's metrics and the `service` key of its logs. */
  readonly serviceName: string;
  readonly description: string;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default - unreserved (account pool) */
  readonly reservedConcurrentExecutions?: number;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Project directories copied next to the bundle (`<dir>/` beside `index.mjs`), for files
   * the function serves as they are (the board's pages).
   * @default - none
   */
  readonly copyDirectories?: readonly string[];
}

export class SupervisorFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly serviceName: string;

  constructor(scope: Construct, id: string, props: SupervisorFunctionProps) {
    super(scope, id);
    this.serviceName = props.serviceName;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      // Logs are evidence of what was sent when; they outlive a torn-down stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // No AWSLambdaBasicExecutionRole: the function writes to its own log group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.serviceName}: ${props.description}`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new NodejsFunction(this, 'Function', {
      entry: new URL(props.entry, FUNCTIONS_DIR).pathname,
      handler: 'handler',
      projectRoot: PROJECT_ROOT.pathname,
      depsLockFilePath: new URL('package-lock.json', PROJECT_ROOT).pathname,
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      ...(props.reservedConcurrentExecutions === undefined ? {} : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        platform: 'node',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        // No source maps: --enable-source-maps cost 25-55 ms per cold start (npm run bench),
        // and the functions log error names, never stack traces.
        sourceMap: false,
        // Ship the SDK versions the tests ran against (package-lock), not whatever the runtime carries.
        bundleAwsSDK: true,
        externalModules: [],
        ...(props.copyDirectories?.length
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) => props.copyDirectories?.map((dir) => `cp -R "${inputDir}/${dir}" "${outputDir}/${dir}"`) ?? [],
              },
            }
          : {}),
      },
    });

    // X-Ray's PutTraceSegments / PutTelemetryRecords cannot be scoped to a resource.
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Only xray:PutTraceSegments and xray:PutTelemetryRecords (added by tracing: ACTIVE) use Resource "*": X-Ray supports no resource-level permissions for them. Every other statement names its resources.',
    });
  }

  /** Adds a variable to the function's environment. */
  withEnvironment(variables: Readonly<Record<string, string>>): this {
    for (const [name, value] of Object.entries(variables)) this.function.addEnvironment(name, value);
    return this;
  }

  /**
   * `TABLE_NAME` and the DynamoDB actions of `access` (`TABLE_ACTIONS`) on the table, and
   * on its indexes (named, not `index/*`) for those that query. With `onlyItems`, on the
   * table's items whose partition key matches one of these patterns only
   * (`dynamodb:LeadingKeys`), and no index.
   */
  withTable(table: ITable, access: TableAccess, onlyItems?: readonly string[]): this {
    this.withEnvironment({ TABLE_NAME: table.tableName });
    const actions: readonly string[] = TABLE_ACTIONS[access];
    const indexes = onlyItems || !actions.includes('dynamodb:Query') ? [] : [DUE_INDEX, COURT_INDEX, ROLLUP_INDEX].map((index) => `${table.tableArn}/index/${index}`);
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: [...actions],
        resources: [table.tableArn, ...indexes],
        ...(onlyItems ? { conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...onlyItems] } } } : {}),
      }),
    );
    return this;
  }

  /** `QUEUE_URL` and the right to send to the queue. */
  withQueueToSend(queue: IQueue): this {
    this.withEnvironment({ QUEUE_URL: queue.queueUrl });
    this.role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
    return this;
  }

  /** `TOPIC_ARN` and the right to publish (Publish and PublishBatch both need `sns:Publish`). */
  withTopicToPublish(topic: ITopic): this {
    this.withEnvironment({ TOPIC_ARN: topic.topicArn });
    this.role.addToPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topic.topicArn] }));
    return this;
  }

  /** A variable holding the secret's ARN, and the right to read that one secret. */
  withSecretToRead(variable: string, secret: ISecret): this {
    this.withEnvironment({ [variable]: secret.secretArn });
    this.role.addToPolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
    return this;
  }

  /** `COURT_CODES`: the court codes (法院代字) each court may use (courts.json `codes`). */
  withCourtCodes(codes: Readonly<Record<string, readonly string[]>>): this {
    return this.withEnvironment({ COURT_CODES: JSON.stringify(codes) });
  }

  /**
   * `COURT_SECRETS_PREFIX` and read access to exactly the listed courts' secrets
   * (`<prefix><courtId>-??????`: Secrets Manager appends six random characters to the name).
   */
  withCourtSecrets(prefix: string, courtIds: readonly string[]): this {
    // COURT_IDS: the function answers an unknown court 401 itself, without asking
    // Secrets Manager (which would refuse: the role reads only these courts' secrets).
    this.withEnvironment({ COURT_SECRETS_PREFIX: prefix, COURT_IDS: courtIds.join(',') });
    if (courtIds.length === 0) return this;
    const stack = Stack.of(this);
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: courtIds.map((id) =>
          Arn.format({ service: 'secretsmanager', resource: 'secret', resourceName: `${prefix}${id}-??????`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }, stack),
        ),
      }),
    );
    return this;
  }
}
