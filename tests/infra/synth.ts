import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { parseSocvalConfig, type SocvalConfig } from '../../infra/config.ts';
import { SocvalStack } from '../../infra/socval-stack.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const EXAMPLE_CONFIG_PATH = path.join(here, '../../infra/socval.config.example.json');

/** The example configuration as written, before parsing. */
export function exampleConfig(): Record<string, unknown> {
  return JSON.parse(readFileSync(EXAMPLE_CONFIG_PATH, 'utf8')) as Record<string, unknown>;
}

/** The example configuration with top-level fields replaced, parsed. */
export function testConfig(overrides: Record<string, unknown> = {}): SocvalConfig {
  return parseSocvalConfig({ ...exampleConfig(), ...overrides }, 'test config');
}

/** A tiny handler, so template tests do not depend on the real handlers' code. */
export const FIXTURE_ENTRIES = {
  ingest: path.join(here, 'fixtures/handler.ts'),
  report: path.join(here, 'fixtures/handler.ts'),
} as const;

/**
 * An app with cdk.json's context (its feature flags), as `cdk synth` builds it. CDK's own CloudFormation
 * validation (seconds of WebAssembly per synth) runs only when asked: the compliance test and
 * `npm run synth` run it; template assertions do not need it.
 */
export function newApp(options: { cloudFormationValidation?: boolean } = {}): App {
  const cdkJson = JSON.parse(readFileSync(path.join(here, '../../cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return new App({
    context: cdkJson.context,
    builtinCloudFormationValidation: options.cloudFormationValidation ?? false,
  });
}

export function newStack(config: SocvalConfig = testConfig(), app = newApp()): SocvalStack {
  return new SocvalStack(app, config.stackName, {
    env: { account: config.account, region: config.region },
    config,
    codeVersion: 'abc1234',
    entries: FIXTURE_ENTRIES,
  });
}

let example: { stack: SocvalStack; template: Template } | undefined;

/** The stack of the example configuration, built once per test file. */
export function exampleStack(): SocvalStack {
  example ??= (() => {
    const stack = newStack();
    return { stack, template: Template.fromStack(stack) };
  })();
  return example.stack;
}

/** The template of the example configuration, synthesised once per test file. */
export function exampleTemplate(): Template {
  exampleStack();
  return (example as { template: Template }).template;
}

export interface PolicyStatementJson {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, unknown>;
}

/** Every statement of the managed policies attached to the role whose logical ID starts with `rolePrefix`. */
export function statementsOfRole(template: Template, rolePrefix: string): PolicyStatementJson[] {
  const policies = template.findResources('AWS::IAM::ManagedPolicy');
  return Object.values(policies)
    .filter((policy) =>
      (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref.startsWith(rolePrefix)),
    )
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as PolicyStatementJson[]);
}

function present(statement: PolicyStatementJson | undefined): PolicyStatementJson {
  if (statement === undefined) throw new Error('no such policy statement');
  return statement;
}

/** A statement's actions as a list (fails the test when there is no statement). */
export const actionsOf = (statement: PolicyStatementJson | undefined): string[] => {
  const { Action } = present(statement);
  return Array.isArray(Action) ? Action : [Action];
};

/** A statement's resources as a list (fails the test when there is no statement). */
export const resourcesOf = (statement: PolicyStatementJson | undefined): unknown[] => {
  const { Resource } = present(statement);
  return Array.isArray(Resource) ? Resource : [Resource];
};

// biome-ignore lint/suspicious/noExplicitAny: assertions walk CloudFormation JSON freely; a wrong path fails the test.
export type TemplateJson = any;

/** The single resource of `type` whose logical ID starts with `prefix`. */
export function resourceNamed(
  template: Template,
  type: string,
  prefix: string,
): { id: string; props: Record<string, TemplateJson> } {
  const found = Object.entries(template.findResources(type)).filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1)
    throw new Error(
      `expected one ${type} named ${prefix}*, found ${found.map(([id]) => id).join(', ') || 'none'}`,
    );
  const [id, resource] = found[0] as [string, { Properties: Record<string, TemplateJson> }];
  return { id, props: resource.Properties };
}

/** The environment as Lambda would see it, with CloudFormation references replaced by plausible values. */
export function resolvedEnvironment(variables: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [
      name,
      typeof value === 'string'
        ? value
        : `resolved-${JSON.stringify(value).replace(/\W+/g, '-').toLowerCase()}`,
    ]),
  );
}
