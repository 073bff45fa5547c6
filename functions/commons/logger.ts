/**
 * The functions' logger (Powertools, JSON). Logs carry ids and counts only: never party
 * names, id numbers or free text from events.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'deadline-supervisor' });
