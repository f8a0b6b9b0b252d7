import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { exampleConfig } from './synth.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

/** Runs infra/app.ts as `cdk synth` would, with `context`; resolves to its exit code and stderr. */
async function synthWith(context: Record<string, unknown>): Promise<{ code: number; stderr: string }> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'socval-app-'));
  try {
    await run(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
      cwd: root,
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir },
    });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

function configFile(config: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'socval-config-')), 'socval.config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

describe('infra/app.ts', () => {
  it('refuses to synthesise without a configuration, saying how to pass one', async () => {
    const { code, stderr } = await synthWith({});
    expect(code).not.toBe(0);
    expect(stderr).toContain(
      'SocvalConfigError: no configuration: pass --context config=path/to/socval.config.json',
    );
  });

  it('names the file and every field at fault', async () => {
    const file = configFile({
      ...exampleConfig(),
      alarmEmail: 'ops',
      retention: { years: 0, mode: 'COMPLIANCE' },
    });
    const { code, stderr } = await synthWith({ config: file });
    expect(code).not.toBe(0);
    expect(stderr).toContain(`${file} is not a valid socval configuration:`);
    expect(stderr).toContain('  retention.years: at least 1 year');
    expect(stderr).toContain('  alarmEmail: write an email address like name@trust.nhs.uk');
  });

  it('says when the file cannot be read or is not JSON', async () => {
    expect((await synthWith({ config: '/nonexistent/socval.config.json' })).stderr).toContain(
      'cannot read the configuration /nonexistent/socval.config.json',
    );
    const file = configFile({});
    writeFileSync(file, '{ "account": ');
    expect((await synthWith({ config: file })).stderr).toContain(`${file} is not JSON`);
  });
});
