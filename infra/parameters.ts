/**
 * The stack parameters, generated from the catalog (`lib/limits.ts` + deployment
 * settings), and their console layout (`AWS::CloudFormation::Interface`).
 */
import { CfnParameter, type Stack } from 'aws-cdk-lib';
import { NUMERIC_PARAMETERS, type NumericLimitName, type ParameterName, TEXT_PARAMETERS } from '../lib/limits.js';
import {
  BOARD_PARAMETERS,
  type BoardParameterName,
  type CatalogEntry,
  OPERATIONS_PARAMETERS,
  type OperationsParameterName,
  PARAMETER_GROUPS,
  parameterCatalog,
  TEXT_PARAMETER_RULES,
} from './parameter-catalog.js';

/** CloudFormation caps a parameter description at 4,000 characters. */
const MAX_DESCRIPTION = 4000;

function description(entry: CatalogEntry): string {
  const unit = entry.unit ? `; ${entry.unit}` : '';
  const text = `${entry.zh} / ${entry.en} (default ${entry.default || 'empty'}${unit}; source ${entry.source})`;
  return text.slice(0, MAX_DESCRIPTION);
}

/** The parameters of one stack, by name. */
export class SupervisorParameters {
  /** Every parameter, by its binding name. */
  readonly byName: Readonly<Record<ParameterName | OperationsParameterName | BoardParameterName, CfnParameter>>;

  constructor(stack: Stack) {
    const byName: Record<string, CfnParameter> = {};
    for (const entry of parameterCatalog()) {
      // Parameters are children of the stack itself so that their logical ids are exactly their names.
      byName[entry.name] = new CfnParameter(stack, entry.name, this.props(entry));
    }
    this.byName = byName as SupervisorParameters['byName'];
    stack.templateOptions.metadata = {
      ...stack.templateOptions.metadata,
      'AWS::CloudFormation::Interface': SupervisorParameters.consoleInterface(),
    };
  }

  private props(entry: CatalogEntry) {
    if (entry.kind === 'number') {
      const p = NUMERIC_PARAMETERS[entry.name as NumericLimitName];
      return { type: 'Number', default: p.default, minValue: p.min, maxValue: p.max, description: description(entry) };
    }
    if (entry.kind === 'choice') {
      const p = OPERATIONS_PARAMETERS[entry.name as OperationsParameterName];
      return { type: 'Number', default: p.default, allowedValues: p.allowed.map(String), description: description(entry) };
    }
    if (entry.kind === 'setting') {
      const p = BOARD_PARAMETERS[entry.name as BoardParameterName];
      return { type: 'String', default: p.default, allowedPattern: p.allowedPattern, constraintDescription: p.constraint, description: description(entry) };
    }
    const name = entry.name as keyof typeof TEXT_PARAMETERS;
    const rules = TEXT_PARAMETER_RULES[name];
    return {
      type: 'String',
      default: TEXT_PARAMETERS[name].default,
      allowedPattern: rules.allowedPattern,
      constraintDescription: rules.constraint,
      ...(rules.maxLength === undefined ? {} : { maxLength: rules.maxLength }),
      description: description(entry),
    };
  }

  /** `AWS::CloudFormation::Interface`: one console group per catalog group, labels in Chinese and English. */
  static consoleInterface() {
    const catalog = parameterCatalog();
    return {
      ParameterGroups: (Object.entries(PARAMETER_GROUPS) as [CatalogEntry['group'], { zh: string; en: string }][])
        .map(([group, label]) => ({
          Label: { default: `${label.zh} / ${label.en}` },
          Parameters: catalog.filter((e) => e.group === group).map((e) => e.name),
        }))
        .filter((g) => g.Parameters.length > 0),
      ParameterLabels: Object.fromEntries(catalog.map((e) => [e.name, { default: `${e.zh} (${e.name})` }])),
    };
  }

  /**
   * Environment variables named like the parameters, for the functions that evaluate
   * limits (`rulesFromEnv` requires every one of them). Deployment-only settings are left
   * out, and so is `DigestSchedule` (only the digest function reads it: `digestEnvironment`),
   * so the other functions stay within Lambda's 4 KB of environment.
   */
  limitsEnvironment(): Record<Exclude<ParameterName, 'DigestSchedule'>, string> {
    const names = [...Object.keys(NUMERIC_PARAMETERS), ...Object.keys(TEXT_PARAMETERS)].filter((n) => n !== 'DigestSchedule') as ParameterName[];
    return Object.fromEntries(names.map((n) => [n, this.byName[n].valueAsString])) as Record<Exclude<ParameterName, 'DigestSchedule'>, string>;
  }

  /** The limits and `DigestSchedule`: the digest function's environment. */
  digestEnvironment(): Record<ParameterName, string> {
    return { ...this.limitsEnvironment(), DigestSchedule: this.byName.DigestSchedule.valueAsString };
  }
}
