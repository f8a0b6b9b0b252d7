import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadHandlers, type Pipeline, pipelineEnv, startPipeline } from './pipeline-harness.ts';

/** Suppliers no log line may name: companies, a sole trader, a redacted payee. */
const SUPPLIERS = [
  'Quillfeather Orthotics Ltd',
  'Mr Bartholomew Wrenfield t/a Wrenfield Joinery',
  'Zephyrine Catering Co',
  'REDACTED - PERSONAL DATA',
  'Ms Ottoline Pargeter',
];
const GOOD_MAY = [
  'Date,Supplier,Amount,Supplier Postcode',
  '13/05/2024,Quillfeather Orthotics Ltd,1234.56,ME14 1AA',
  '14/05/2024,Mr Bartholomew Wrenfield t/a Wrenfield Joinery,845.10,CT1 2AB',
  '15/05/2024,REDACTED - PERSONAL DATA,99.07,',
  '16/05/2024,Zephyrine Catering Co,4321.09,ME1 1AA',
  '',
].join('\r\n');
/** Rejected: two of four lines unreadable, one of them a person's. */
const BAD_JUNE = [
  'Date,Supplier,Amount',
  '03/06/2024,Quillfeather Orthotics Ltd,777..12',
  '04/06/2024,Ms Ottoline Pargeter,£6O1.33',
  '05/06/2024,Zephyrine Catering Co,310.44',
  '06/06/2024,Mr Bartholomew Wrenfield t/a Wrenfield Joinery,58.91',
  '',
].join('\r\n');
const REFERENCE = [
  'Supplier Name,Postcode,Company Number,Contact Email',
  'Quillfeather Orthotics Ltd,ME14 1AA,09876543,accounts@quillfeather.example.co.uk',
  'Zephyrine Catering Co,ME1 1AA,,zephyrine.owner@gmail.example.com',
  'Mr Bartholomew Wrenfield t/a Wrenfield Joinery,CT1 2AB,,bart.wrenfield@hotmail.example.com',
  '',
].join('\r\n');
const BAD_REFERENCE = 'Reference,Email\r\nAB-1,ottoline.pargeter@outlook.example.com\r\n';

/** Every ledger and reference cell value, and every address the pipeline knows. */
const FORBIDDEN = [
  ...SUPPLIERS,
  ...[GOOD_MAY, BAD_JUNE, REFERENCE, BAD_REFERENCE].flatMap((text) =>
    text
      .split('\r\n')
      .slice(1)
      .flatMap((line) => line.split(','))
      .filter((cell) => cell.length >= 4),
  ),
  'board@kvft.nhs.uk',
  'procurement-chair@kvft.nhs.uk',
  'ap-team@kvft.nhs.uk',
  'socval@kvft.nhs.uk',
];
const EMAIL_ADDRESS = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

/** The only fields a log line may carry besides level and message: counts, keys, hashes and IDs. */
const LOG_KEYS = new Set([
  'key',
  'sha256',
  'rows',
  'total',
  'months',
  'records',
  'columns',
  'line',
  'issueCount',
  'reason',
  'month',
  'runId',
  'sentByRunId',
  'messageId',
  'attached',
  'attempt',
  'errorName',
  'errorCode',
]);

describe('what the handlers log, on success and on failure', () => {
  let pipeline: Pipeline;
  /** Every line the handlers wrote, plus each uncaught error as the Lambda runtime logs it. */
  const lines: string[] = [];
  const runtimeErrors: string[] = [];

  /** Runs a handler call as Lambda would: an error it throws is logged by the runtime, name, message and stack. */
  async function invoke(call: () => Promise<unknown>): Promise<unknown> {
    try {
      return await call();
    } catch (error) {
      const e = error as Error;
      runtimeErrors.push(JSON.stringify({ errorType: e.name, errorMessage: e.message, trace: e.stack }));
      return error;
    }
  }

  beforeAll(async () => {
    pipeline = await startPipeline();
    for (const method of ['log', 'warn', 'error', 'info', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '));
      });
    }
    const { local } = pipeline;
    // Accepted: a ledger with a sole trader and a redacted payee, and a reference with contact emails.
    await invoke(async () => pipeline.ingest(await pipeline.upload('reference/suppliers.csv', REFERENCE)));
    await invoke(async () => pipeline.ingest(await pipeline.upload('incoming/2024-05.csv', GOOD_MAY)));
    // Rejected, with finance emailed: a ledger and a reference.
    await invoke(async () => pipeline.ingest(await pipeline.upload('incoming/2024-06.csv', BAD_JUNE)));
    await invoke(async () => pipeline.ingest(await pipeline.upload('reference/contacts.csv', BAD_REFERENCE)));
    // SES unreachable while telling finance of a rejection: the event fails, and is retried.
    const retried = BAD_JUNE.replace(/\/06\//g, '/07/');
    const event = await pipeline.upload('incoming/2024-07.csv', retried);
    const sesDown = await loadHandlers(pipelineEnv(local, { AWS_ENDPOINT_URL_SESV2: 'http://127.0.0.1:9' }));
    await invoke(() => sesDown.ingest(event));
    pipeline.restoreEnv();
    await invoke(() => pipeline.ingest(event));
    // SES refusing the board email with a message naming a recipient (no local server can do that).
    const send = vi
      .spyOn(SESv2Client.prototype, 'send')
      .mockRejectedValueOnce(
        Object.assign(
          new Error(
            'Email address is not verified. The following identities failed the check in region EU-WEST-2: board@kvft.nhs.uk',
          ),
          { name: 'MessageRejected', Code: 'MessageRejected' },
        ),
      );
    await invoke(() => pipeline.report({ month: '2024-05' }));
    send.mockRestore();
    await invoke(() => pipeline.report({ month: '2024-05' }));
  });
  afterAll(() => pipeline.stop());

  it('ran every path: two accepted, three rejected (one retried), a failed and a sent report', async () => {
    const messages = lines.map((line) => (JSON.parse(line) as { message: string }).message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'supplier reference accepted',
        'ledger accepted',
        'ledger rejected',
        'supplier reference rejected',
        'ingest failed',
        'report failed',
        'report sent',
      ]),
    );
    expect(runtimeErrors).toHaveLength(2);
    expect((await pipeline.mailbox()).length).toBeGreaterThanOrEqual(3);
  });

  it('writes every line as one JSON object with a level, a message and only count, key and ID fields', () => {
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const line of lines) {
      expect(line).not.toContain('\n');
      const { level, message, ...fields } = JSON.parse(line) as Record<string, unknown>;
      expect(['INFO', 'WARN', 'ERROR']).toContain(level);
      expect(typeof message).toBe('string');
      for (const [name, value] of Object.entries(fields)) {
        expect(LOG_KEYS, `${name} in ${line}`).toContain(name);
        const values = Array.isArray(value) ? value : [value];
        for (const each of values) expect(['string', 'number', 'boolean']).toContain(typeof each);
      }
    }
  });

  it('logs no supplier name, ledger or reference cell, or email address, even when a run fails', () => {
    expect(FORBIDDEN.length).toBeGreaterThan(30);
    for (const line of [...lines, ...runtimeErrors]) {
      for (const value of FORBIDDEN) expect(line, line).not.toContain(value);
      expect(line).not.toMatch(EMAIL_ADDRESS);
    }
  });

  it('still logs what an operator needs: the error name and code, the keys and hashes', () => {
    const failed = lines.map((line) => JSON.parse(line)).filter((line) => line.level === 'ERROR');
    expect(failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ message: 'ingest failed', errorCode: 'ECONNREFUSED' }),
        expect.objectContaining({
          message: 'report failed',
          errorName: 'ReportNotSentError',
          month: '2024-05',
        }),
      ]),
    );
    expect(runtimeErrors.join('\n')).toContain('MessageRejected');
  });
});
