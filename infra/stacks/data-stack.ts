/**
 * The stateful stack: the case table and the courts' signing secrets. It changes rarely
 * and is never torn down with the service: the table is retained, deletion-protected
 * and recoverable to any second of the last 35 days.
 */
import { CfnOutput, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { createTableInput } from '../../functions/adapters/table-design.js';
import type { CourtsConfig } from '../config.js';

export interface DataStackProps extends StackProps {
  readonly courts: CourtsConfig;
}

type TableInput = ReturnType<typeof createTableInput>;
type KeyElement = TableInput['KeySchema'][number];

/**
 * The CDK mirror of `createTableInput` (the local mode and the tests create the same
 * table from it): keys, attribute types, indexes and projections are read from there.
 */
export function tableDesign(input: TableInput = createTableInput('cases')) {
  const typeOf = (name: string): dynamodb.AttributeType => {
    const def = input.AttributeDefinitions.find((a) => a.AttributeName === name);
    if (!def) throw new Error(`table-design: attribute ${name} is used in a key but has no definition; expected it in AttributeDefinitions`);
    return { S: dynamodb.AttributeType.STRING, N: dynamodb.AttributeType.NUMBER }[def.AttributeType];
  };
  const key = (schema: readonly KeyElement[], keyType: 'HASH' | 'RANGE'): dynamodb.Attribute | undefined => {
    const element = schema.find((k) => k.KeyType === keyType);
    return element && { name: element.AttributeName, type: typeOf(element.AttributeName) };
  };
  const partitionKey = key(input.KeySchema, 'HASH');
  if (!partitionKey) throw new Error('table-design: KeySchema has no HASH key; expected pk');
  return {
    partitionKey,
    sortKey: key(input.KeySchema, 'RANGE'),
    indexes: input.GlobalSecondaryIndexes.map((gsi): dynamodb.GlobalSecondaryIndexProps => {
      const indexKey = key(gsi.KeySchema, 'HASH');
      if (!indexKey) throw new Error(`table-design: index ${gsi.IndexName} has no HASH key`);
      const sortKey = key(gsi.KeySchema, 'RANGE');
      const projection = gsi.Projection;
      return {
        indexName: gsi.IndexName,
        partitionKey: indexKey,
        ...(sortKey ? { sortKey } : {}),
        ...(projection.ProjectionType === 'INCLUDE'
          ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...projection.NonKeyAttributes] }
          : { projectionType: dynamodb.ProjectionType[projection.ProjectionType] }),
      };
    }),
  };
}

export class DataStack extends Stack {
  readonly table: dynamodb.Table;
  /** Secret name prefix; a court's secret is `<prefix><courtId>`. */
  readonly courtSecretPrefix: string;
  readonly courtIds: readonly string[];

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const design = tableDesign();

    this.table = new dynamodb.Table(this, 'Cases', {
      partitionKey: design.partitionKey,
      ...(design.sortKey ? { sortKey: design.sortKey } : {}),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // AWS managed key (aws/dynamodb): encrypted with a KMS key of this account, every use
      // logged in CloudTrail, and no key lifecycle to get wrong — a retained table whose
      // customer key was scheduled for deletion would become unreadable. Switch to
      // CUSTOMER_MANAGED if the court's policy requires revoking the key itself.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
    });
    for (const index of design.indexes) this.table.addGlobalSecondaryIndex(index);

    this.courtSecretPrefix = props.courts.secretPrefix;
    this.courtIds = props.courts.courts.map((c) => c.id);
    for (const court of props.courts.courts) {
      const secret = new secretsmanager.Secret(this, `Court-${court.id}`, {
        secretName: `${this.courtSecretPrefix}${court.id}`,
        description: `HMAC signing secret of court ${court.id} (${court.name}) for X-Signature (docs/API.md)`,
        generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
        // A court system holds a copy: deleting the stack must not silently break its signing.
        removalPolicy: RemovalPolicy.RETAIN,
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'A shared HMAC secret held by the court system: rotation must be coordinated with that system (no dual-key window in the signature check), so it is rotated by the documented manual procedure (README, Deploy to AWS §4, rotating a court secret), not by a rotation Lambda.',
      });
    }

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'CourtSecretPrefix', { value: this.courtSecretPrefix, description: 'A court secret is named <prefix><courtId>' });
  }
}
