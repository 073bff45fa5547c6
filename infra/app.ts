/** CDK entry (`cdk.json`: `npx tsx infra/app.ts`). */
import { createSupervisorApp } from './supervisor-app.js';

createSupervisorApp();
