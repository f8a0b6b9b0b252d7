import { describe, expect, it } from 'vitest';
import { summariseReason } from '../../../shared/email/compose-rejection-email.ts';
import { composeRejectionEmail, type RejectedUpload } from '../../../shared/email/index.ts';
import { readLedger } from '../../../shared/ledger/index.ts';
import type { LedgerFile } from '../../../shared/types.ts';
import { csvFile } from '../ledger/build-files.ts';

const options = {
  trustName: 'Kent Valley NHS Foundation Trust',
  quarantineLocation: 's3://trust-landing/quarantine/2024-05/AP payments 2024-05.csv',
  errorReportLocation: 's3://trust-archive/errors/2024-05/AP payments 2024-05.errors.csv',
};

function uploadOf(file: LedgerFile): RejectedUpload {
  if (file.rejection === undefined) throw new Error(`${file.name} was accepted`);
  return {
    name: file.name,
    sha256: file.sha256,
    rejection: file.rejection,
    issues: file.issues,
    issueCount: file.issues.length,
  };
}

describe('the rejection email', () => {
  it('says in the subject which upload was rejected and why, in short', async () => {
    const file = await readLedger(
      csvFile(['Date,Supplier,Cost Centre', '01/05/2024,Acme Ltd,X1'], 'AP payments 2024-05.csv'),
    );

    const email = composeRejectionEmail(uploadOf(file), options);

    expect(email.subject).toBe(
      'Upload rejected: AP payments 2024-05.csv — no amount column found in the first 30 rows',
    );
    expect(email.text).toContain(`${file.rejection?.reason.replace(/^n/, 'N')}.\n`);
    expect(email.text).toContain('Where: line 1, column "amount", value "Date | Supplier | Cost Centre"');
    expect(email.text).toContain('No single line is at fault: the problem is with the file as a whole.');
  });

  it('lists the first 20 problems, says how many in all, and where the full error report is', async () => {
    const lines = ['Date,Supplier,Amount'];
    for (let i = 0; i < 25; i++) lines.push(`15/05/2024,Acme Ltd,not money ${i}`);
    const file = await readLedger(csvFile(lines, 'AP payments 2024-05.csv'));

    const email = composeRejectionEmail(uploadOf(file), options);

    expect(file.issues).toHaveLength(25);
    expect(email.subject).toBe(
      'Upload rejected: AP payments 2024-05.csv — 25 of 25 payment lines (100%) could not be read, more than the 5% allowed',
    );
    expect(email.text).toContain(
      '25 problems were found; the first 20 are below and the error report lists all 25.',
    );
    expect(email.text).toContain(
      `- Line 21, column "Amount", value "not money 19": ${file.issues[19]?.reason}`,
    );
    expect(email.text).not.toContain('Line 22,');
    expect(email.text).toContain('…and 5 more in the error report.');
    expect(email.html.match(/<tr><td align="right"/g)).toHaveLength(20);
    for (const content of [email.text, email.html]) {
      expect(content).toContain(options.quarantineLocation);
      expect(content).toContain(options.errorReportLocation);
      expect(content).toContain(file.sha256);
      expect(content).toContain('incoming/');
      expect(content).toContain('The same file name is fine');
    }
  });

  it('counts problems the caller did not pass in full', () => {
    const issue = { file: 'a.csv', line: 7, column: 'Date', value: '31/02/2024', reason: 'not a date' };

    const email = composeRejectionEmail(
      { name: 'a.csv', sha256: 'f'.repeat(64), rejection: issue, issues: [issue], issueCount: 340 },
      options,
    );

    expect(email.text).toContain(
      '340 problems were found; the first is below and the error report lists all 340.',
    );
    expect(email.text).toContain('…and 339 more in the error report.');
  });

  it('escapes values from the bad file in the HTML and keeps them whole in the text', () => {
    const value = '<script>alert("x")</script> & Sons';
    const issue = { file: 'a.csv', line: 3, column: 'Supplier', value, reason: `"${value}" is odd` };

    const email = composeRejectionEmail(
      { name: 'a&b <i>.csv', sha256: 'f'.repeat(64), rejection: issue, issues: [issue], issueCount: 1 },
      { ...options, trustName: 'Kent & Medway <NHS>' },
    );

    expect(email.html).not.toMatch(/<script|<i>|<NHS>/i);
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons');
    expect(email.html).toContain('Kent &amp; Medway &lt;NHS&gt;');
    expect(email.html).toContain('a&amp;b &lt;i&gt;.csv');
    expect(email.text).toContain(`value "${value}"`);
    expect(email.html).not.toMatch(/<img|class=|src=|<style|https?:/i);
    expect(email.html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
  });

  it('keeps the subject on one line whatever the file name holds', () => {
    const issue = { file: 'x', line: 0, column: '', value: '', reason: 'bad\r\nBcc: someone@example.com' };

    const email = composeRejectionEmail(
      { name: 'x\r\n.csv', sha256: 'f'.repeat(64), rejection: issue, issues: [], issueCount: 0 },
      options,
    );

    expect(email.subject).toBe('Upload rejected: x .csv — bad Bcc');
    expect(email.subject).not.toMatch(/[\r\n]/);
  });
});

describe('summariseReason', () => {
  it('keeps the part before the first colon or semicolon that is outside quotes and brackets', () => {
    expect(
      summariseReason(
        'may.csv could not be read as CSV (Invalid Closing Quote: got "x"): check the quotes around that line',
      ),
    ).toBe('may.csv could not be read as CSV (Invalid Closing Quote: got "x")');
    expect(
      summariseReason(
        'the day/month order of the n/n/yyyy dates cannot be decided: no value has a part above 12',
      ),
    ).toBe('the day/month order of the n/n/yyyy dates cannot be decided');
    expect(summariseReason('"12:30" is not a date; fill it in')).toBe('"12:30" is not a date');
  });

  it('shortens a long reason at a word boundary', () => {
    const summary = summariseReason(`${'word '.repeat(40)}end`);

    expect(summary.length).toBeLessThanOrEqual(90);
    expect(summary).toMatch(/word…$/);
  });
});

describe("the rejection email's colour", () => {
  it("heads the email in the trust's colour when one is configured", async () => {
    const file = await readLedger(csvFile(['Date,Supplier', '01/05/2024,Acme Ltd'], 'payments.csv'));
    expect(composeRejectionEmail(uploadOf(file), { ...options, accent: '#00A499' }).html).toMatch(
      /<h1 style="[^"]*color:#00A499;/,
    );
  });
});
