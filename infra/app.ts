import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { addComplianceChecks } from './compliance.ts';
import { parseSocvalConfig, type SocvalConfig, SocvalConfigError } from './config.ts';
import { SocvalStack } from './socval-stack.ts';

// The only place that reads CDK context, files or git for the stack (CDK guide: configuration at the edge).
const app = new App();
const config = loadConfig();

new SocvalStack(app, config.stackName, {
  env: { account: config.account, region: config.region },
  description: `socval for ${config.trustName}: ledger extracts in, monthly social value report out`,
  config,
  codeVersion: codeVersion(),
});
addComplianceChecks(app);
app.synth();

/** The validated configuration; a configuration error is printed (without a stack trace) and exits 1. */
function loadConfig(): SocvalConfig {
  try {
    const configPath = app.node.tryGetContext('config');
    if (typeof configPath !== 'string' || configPath === '') {
      throw new SocvalConfigError(
        'no configuration: pass --context config=path/to/socval.config.json (see infra/socval.config.example.json)',
      );
    }
    return parseSocvalConfig(readConfigFile(configPath), configPath);
  } catch (error) {
    if (!(error instanceof SocvalConfigError)) throw error;
    console.error(`${error.name}: ${error.message}`);
    process.exit(1);
  }
}

function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(path.resolve(file), 'utf8');
  } catch (error) {
    throw new SocvalConfigError(`cannot read the configuration ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SocvalConfigError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

/**
 * The commit being deployed (`3f2c1ab`, `3f2c1ab-dirty` with uncommitted changes), or
 * `--context codeVersion=…`; the handlers report it after the package version.
 */
function codeVersion(): string {
  const given = app.node.tryGetContext('codeVersion');
  if (typeof given === 'string' && given !== '') return given;
  const git = (...args: string[]) =>
    execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain') === '' ? '' : '-dirty'}`;
  } catch {
    return 'unknown-commit';
  }
}
