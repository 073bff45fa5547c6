/**
 * Builds the CDK app once per test file, with the context of cdk.json (the same feature
 * flags as `cdk synth`) and without bundling the functions (bundling is exercised by
 * `npx cdk synth`; the templates do not depend on the bundle's content).
 */
import { readFileSync } from 'node:fs';
import { Template } from 'aws-cdk-lib/assertions';
import { createSupervisorApp, type SupervisorAppOptions } from '../../infra/supervisor-app.js';

/** Template.fromStack synthesizes the whole app; give hooks and tests room. */
export const SYNTH_TIMEOUT_MS = 120_000;

export const CDK_JSON = new URL('../../cdk.json', import.meta.url);

export function cdkContext(): Record<string, unknown> {
  return (JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context: Record<string, unknown> }).context;
}

export function synthesize(options: SupervisorAppOptions = {}) {
  const built = createSupervisorApp({
    ...options,
    context: { ...cdkContext(), 'aws:cdk:bundling-stacks': [], ...options.context },
  });
  return {
    ...built,
    dataTemplate: Template.fromStack(built.data),
    serviceTemplate: Template.fromStack(built.service),
  };
}

export type Synthesized = ReturnType<typeof synthesize>;

/** A CloudFormation resource as the templates hold it. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export function resources(template: Template, type: string): Record<string, CfnResource> {
  return template.findResources(type) as Record<string, CfnResource>;
}

/** The one resource of `type` whose logical id starts with `prefix`. */
export function resourceNamed(template: Template, type: string, prefix: string): [string, CfnResource] {
  const found = Object.entries(resources(template, type)).filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one ${type} named ${prefix}*, found ${found.map(([id]) => id).join(', ') || 'none'}`);
  return found[0] as [string, CfnResource];
}
