/**
 * The CDK app: a stateful stack (table, court secrets) and a service stack (API,
 * functions, queue, topics, schedule, operations), checked by cdk-nag's AWS Solutions
 * pack on every synth. `infra/app.ts` runs it; the tests build the same app.
 */
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { courtCodesOf, DEFAULT_COURTS_FILE, DEFAULT_SUBSCRIPTIONS_FILE, loadCourts, loadSubscriptions } from './config.js';
import { DataStack } from './stacks/data-stack.js';
import { ServiceStack } from './stacks/service-stack.js';

/** Stack names: `cdk deploy --parameters <stack name>:<Parameter>=<value>`. */
export const STACK_NAMES = { data: 'EnforcementDeadlines-Data', service: 'EnforcementDeadlines-Service' } as const;

export interface SupervisorAppOptions extends AppProps {
  /** @default infra/config/courts.json, or the context value `courts` */
  readonly courtsFile?: string;
  /** @default infra/config/subscriptions.json, or the context value `subscriptions` */
  readonly subscriptionsFile?: string;
}

export function createSupervisorApp(options: SupervisorAppOptions = {}) {
  const { courtsFile, subscriptionsFile, ...appProps } = options;
  const app = new App(appProps);
  const context = (key: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const courts = loadCourts(courtsFile ?? context('courts') ?? DEFAULT_COURTS_FILE);
  const subscriptions = loadSubscriptions(subscriptionsFile ?? context('subscriptions') ?? DEFAULT_SUBSCRIPTIONS_FILE);

  // Environment-agnostic: the templates do not depend on who synthesizes them, `cdk synth`
  // needs no credentials, and `cdk deploy` targets the account and region of the profile.
  const description = 'Enforcement deadline supervisor (执行节点期限监督)';
  const data = new DataStack(app, STACK_NAMES.data, {
    stackName: STACK_NAMES.data,
    description: `${description}: case table and court signing secrets (stateful)`,
    courts,
  });
  const service = new ServiceStack(app, STACK_NAMES.service, {
    stackName: STACK_NAMES.service,
    description: `${description}: API, functions, queue, notices, schedule, alarms`,
    table: data.table,
    courtSecretPrefix: data.courtSecretPrefix,
    courtIds: data.courtIds,
    courtCodes: courtCodesOf(courts),
    subscriptions,
  });
  service.addStackDependency(data);

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, data, service };
}
