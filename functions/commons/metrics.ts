/** The functions' metrics (Powertools, EMF) in the namespace the dashboard and alarms read. */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from './routes.js';

export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'deadline-supervisor' });
