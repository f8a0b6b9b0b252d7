import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type App, AssetStaging, type Stack, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { addComplianceChecks } from '../../infra/compliance.ts';
import { HANDLER_ENTRIES, SocvalStack, type SocvalStackProps } from '../../infra/socval-stack.ts';
import { FIXTURE_ENTRIES, newApp, resolvedEnvironment, type TemplateJson, testConfig } from './synth.ts';

const run = promisify(execFile);

/** A stack in an app with the nag packs attached, as `cdk synth` runs it: the real handlers unless `entries`. */
function nagApp(entries?: SocvalStackProps['entries']): { app: App; stack: SocvalStack } {
  // CDK's own CloudFormation validation too, as `cdk synth` runs it, for the real stack.
  const app = newApp({ cloudFormationValidation: entries === undefined });
  const config = testConfig();
  const stack = new SocvalStack(app, config.stackName, {
    env: { account: config.account, region: config.region },
    config,
    codeVersion: 'abc1234',
    ...(entries ? { entries } : {}),
  });
  addComplianceChecks(app);
  return { app, stack };
}

let real: { app: App; stack: SocvalStack } | undefined;
/** The real stack, bundled once for this file. */
const realApp = () => {
  real ??= nagApp();
  return real;
};

interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

function acknowledgementsIn(stack: Stack): Acknowledgement[] {
  return stack.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

/** What the packs find when no acknowledgement is honoured. */
function findingsIgnoringAcknowledgements(app: App): { id: string; path: string }[] {
  const key = Object.getOwnPropertyDescriptor(Validations, 'ACKNOWLEDGED_RULES_METADATA_KEY');
  Object.defineProperty(Validations, 'ACKNOWLEDGED_RULES_METADATA_KEY', {
    value: 'socval:ignore-acknowledgements',
  });
  try {
    return [new AwsSolutionsChecks(), new NIST80053R5Checks()].flatMap((pack) =>
      pack.validateScope(app).violations.flatMap((violation) =>
        violation.violatingResources.map((resource) => ({
          id: violation.ruleName,
          path: resource.constructPath ?? '',
        })),
      ),
    );
  } finally {
    if (key) Object.defineProperty(Validations, 'ACKNOWLEDGED_RULES_METADATA_KEY', key);
  }
}

describe('the compliance gate', () => {
  it('synthesises the real stack with its real handlers and no unacknowledged AwsSolutions or NIST 800-53 R5 finding', () => {
    const { app, stack } = realApp();
    expect(HANDLER_ENTRIES.ingest).toContain('functions/ingest/handler.ts');
    const assembly = app.synth();
    const template = assembly.getStackByName(stack.stackName).template as {
      Resources: Record<string, TemplateJson>;
    };
    const withReasons = Object.values(template.Resources).filter((resource) => resource.Metadata?.cdk_nag);
    expect(withReasons.length).toBeGreaterThan(0);
  });

  it('bundles the real handlers into modules that load with the environment the stack gives them', async () => {
    const { stack } = realApp();
    for (const fn of [stack.functions.ingest, stack.functions.report]) {
      const staging = fn.function.node
        .findAll()
        .find((child): child is AssetStaging => child instanceof AssetStaging);
      if (staging === undefined) throw new Error(`${fn.node.path} has no bundle`);
      const resource = fn.function.node.defaultChild as lambda.CfnFunction;
      const variables = stack.resolve(resource.environment) as { variables: Record<string, unknown> };
      // In a plain Node process, as Lambda loads it (not through the test runner's transform).
      const { stdout } = await run(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          'const m = await import(process.argv[1]); console.log(typeof m.handler);',
          pathToFileURL(path.join(staging.absoluteStagedPath, 'index.mjs')).href,
        ],
        { env: { PATH: process.env.PATH ?? '', ...resolvedEnvironment(variables.variables) } },
      );
      expect(stdout.trim()).toBe('function');
    }
  });

  it('fails the synth on a finding nobody acknowledged', () => {
    const { app, stack } = nagApp(FIXTURE_ENTRIES);
    new sqs.Queue(stack, 'Unreviewed', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS2[\s\S]*Socval\/Unreviewed/);
  });

  it('acknowledges only findings that occur, each with a reason of its own', () => {
    const { app, stack } = realApp();
    const acknowledged = acknowledgementsIn(stack);
    const findings = findingsIgnoringAcknowledgements(app);
    const unused = acknowledged.filter(
      (ack) =>
        !findings.some((finding) => finding.id === ack.id && `${finding.path}/`.startsWith(`${ack.path}/`)),
    );
    expect(unused).toEqual([]);
    const unacknowledged = findings.filter(
      (finding) =>
        !acknowledged.some((ack) => finding.id === ack.id && `${finding.path}/`.startsWith(`${ack.path}/`)),
    );
    expect(unacknowledged).toEqual([]);
    for (const { reason } of acknowledged) expect(reason.length).toBeGreaterThan(60);
  });

  it('acknowledges no rule for the whole stack', () => {
    const { stack } = realApp();
    expect(acknowledgementsIn(stack).filter((ack) => ack.path === stack.node.path)).toEqual([]);
  });
});
