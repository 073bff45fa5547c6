/** A plain DynamoDB client of the local system's dynalite (for what the bench does beside the system). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}
