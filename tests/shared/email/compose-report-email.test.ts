import { describe, expect, it } from 'vitest';
import { composeReportEmail, escapeHtml } from '../../../shared/email/index.ts';
import { formatWholePounds } from '../../../shared/money/format-pence.ts';
import { toSummaryJson } from '../../../shared/report/index.ts';
import type { LedgerFile } from '../../../shared/types.ts';
import { ledgerFile, line } from '../report/helpers.ts';
import {
  ARCHIVE,
  lastYearLines,
  octoberReport,
  penceOf,
  redacted,
  reportFrom,
  thisYearLines,
  twoYearsAgoLines,
} from './helpers.ts';

const options = {
  trustName: 'Kent Valley NHS Foundation Trust',
  archiveLocation: ARCHIVE,
  attachmentName: 'social-value-2025-10.xlsx',
};

/** A share as a reader would work it out from summary.json's two-decimal strings. */
function shareOf(part: string, total: string): string {
  return `${((100 * penceOf(part)) / penceOf(total)).toFixed(1)}%`;
}

describe('the board email subject', () => {
  it('names the month and the financial year to date for a mid-year report', () => {
    const email = composeReportEmail(octoberReport(), options);

    expect(email.subject).toBe('Social value spend — October 2025 (FY 2025/26 to date)');
  });

  it('names March and the full financial year for a year-end report', () => {
    const report = reportFrom([...lastYearLines, ...thisYearLines, line('2026-03-20', 500_00)], {
      reportMonth: '2026-03',
    });

    const email = composeReportEmail(report, options);

    expect(email.subject).toBe('Social value spend — March 2026 (FY 2025/26, full year)');
    expect(email.text).toContain('2025/26 (April 2025 to March 2026)');
    expect(email.text).toContain(
      'Local (Kent & Medway): £10,000 — 10.0% of spend; up 4.1 points on 2024/25 (5.9%)',
    );
  });
});

describe('the board email for the first month of a financial year', () => {
  it('says one month, naming April once, in the period and the years table', () => {
    const report = reportFrom([...lastYearLines, ...thisYearLines], { reportMonth: '2025-04' });

    const email = composeReportEmail(report, options);

    expect(email.text).toContain('2025/26 to date (April 2025)');
    expect(email.text).toMatch(/^2025\/26 to date \(1 month\) +£/m);
    expect(email.text + email.html).not.toMatch(/1 months|April to April/);
  });
});

describe('the board email figures', () => {
  it('shows every headline figure in text and HTML exactly as summary.json has it, to the pound', () => {
    const report = octoberReport();
    const summary = toSummaryJson(report);
    const current = summary.financialYears.find((year) => year.fy === '2025/26');
    const previous = summary.previousYearToDate;
    if (current === undefined || previous === undefined) throw new Error('fixture lost a year');

    const email = composeReportEmail(report, options);

    const pounds = (money: string) => formatWholePounds(penceOf(money));
    const expected = [
      `Total spend: ${pounds(current.total)} — ${pounds(previous.total)} in the same months of 2024/25`,
      `Local (Kent & Medway): ${pounds(current.local)} — ${shareOf(current.local, current.total)} of spend`,
      `SMEs: ${pounds(current.sme)} — ${shareOf(current.sme, current.total)} of spend`,
      `VCSE organisations: ${pounds(current.vcse)} — ${shareOf(current.vcse, current.total)} of spend`,
      `${pounds(current.smeUnknown)} (${shareOf(current.smeUnknown, current.total)}) of spend is with suppliers whose size is unknown`,
      `${pounds(current.localUnknown)} (${shareOf(current.localUnknown, current.total)}) is with suppliers whose location is unknown`,
      `${pounds(current.redacted)} (${shareOf(current.redacted, current.total)}) went to payees withheld for privacy`,
      "The suppliers behind these unknowns are listed, largest spend first, on the workbook's Data quality sheet",
    ];
    for (const sentence of expected) expect(email.text).toContain(sentence);
    const figures = [
      pounds(current.total),
      pounds(current.local),
      pounds(current.sme),
      pounds(current.vcse),
      pounds(previous.total),
      shareOf(current.local, current.total),
      shareOf(current.sme, current.total),
      shareOf(current.vcse, current.total),
      shareOf(current.smeUnknown, current.total),
      shareOf(current.localUnknown, current.total),
    ];
    for (const figure of figures) {
      expect(email.text).toContain(figure);
      expect(email.html).toContain(escapeHtml(figure));
    }
    expect(current.total).toBe('100000.49');
    expect(email.text).toContain('Total spend: £100,000 —');
  });

  it('tabulates each earlier financial year’s shares beside this year’s, from summary.json', () => {
    const report = octoberReport();
    const summary = toSummaryJson(report);

    const email = composeReportEmail(report, options);

    for (const year of summary.financialYears) {
      const cells = [
        formatWholePounds(penceOf(year.total)),
        shareOf(year.local, year.total),
        shareOf(year.sme, year.total),
        shareOf(year.vcse, year.total),
      ];
      const label = year.yearToDate ? `${year.fy} to date (${year.months} months)` : year.fy;
      expect(email.text).toMatch(
        new RegExp(`^${label.replace(/[()/]/g, '\\$&')} +${cells.join(' +')}$`, 'm'),
      );
      const html = [label, ...cells].map((cell) => escapeHtml(cell).replace(/[()/.]/g, '\\$&'));
      expect(email.html).toMatch(new RegExp(`<tr><td[^>]*>${html.join('</td><td[^>]*>')}</td></tr>`));
    }
    expect(email.text).toMatch(/^2023\/24 +£200,000 +5\.0% +20\.0% +5\.0%$/m);
    expect(email.text).toMatch(/^2024\/25 +£150,000 +5\.9% +19\.2% +3\.3%$/m);
  });

  it('gives each change in percentage points against the same months of last year, up, down or unchanged', () => {
    const email = composeReportEmail(octoberReport(), options);

    expect(email.text).toContain('10.0% of spend; up 1.2 points on the same months of 2024/25 (8.8%)');
    expect(email.text).toContain('25.0% of spend; down 3.8 points on the same months of 2024/25 (28.8%)');
    expect(email.text).toContain('6.0% of spend; up 1.0 points on the same months of 2024/25 (5.0%)');
    expect(email.html).toContain('down 3.8 points on the same months of 2024/25 (28.8%)');

    const same = reportFrom(
      [
        line('2024-04-10', 1_000_00, 'Kent Builders Ltd'),
        line('2024-04-11', 3_000_00, 'Big Pharma plc'),
        line('2025-04-10', 2_000_00, 'Kent Builders Ltd'),
        line('2025-04-11', 6_000_00, 'Big Pharma plc'),
      ],
      { reportMonth: '2025-04' },
    );
    expect(composeReportEmail(same, options).text).toContain(
      'Local (Kent & Medway): £2,000 — 25.0% of spend; unchanged on the same months of 2024/25 (25.0%)',
    );
  });

  it('makes no comparison when there is no previous year in the report', () => {
    const report = reportFrom(thisYearLines, { reportMonth: '2025-10', firstYear: '2025/26' });
    expect(report.previousYearToDate).toBeUndefined();

    const email = composeReportEmail(report, options);

    expect(email.text).toContain('Local (Kent & Medway): £10,000 — 10.0% of spend\n');
    for (const content of [email.text, email.html]) {
      expect(content).not.toMatch(/same months|points|compared with/);
    }
    expect(email.text).not.toContain('Share of spend by financial year');
  });

  it('says no spend recorded, never NaN or Infinity, when the year to date has no spend', () => {
    const report = reportFrom([...twoYearsAgoLines, ...lastYearLines], { reportMonth: '2025-10' });

    const email = composeReportEmail(report, options);

    expect(email.text).toContain(
      'Total spend: £0 — no spend recorded; £100,000 in the same months of 2024/25',
    );
    expect(email.text).toContain('Local (Kent & Medway): £0 — no spend recorded\n');
    expect(email.text).toContain('£0 of spend is with suppliers whose size is unknown');
    expect(email.text).not.toContain('The suppliers behind these unknowns');
    expect(email.text).toMatch(/^2025\/26 to date \(7 months\) +£0 +– +– +–$/m);
    for (const content of [email.text, email.html]) {
      expect(content).not.toMatch(/NaN|Infinity|undefined/);
    }
  });

  it('shows no share, and says why, when the year’s credits exceed its payments', () => {
    // A year to date of one big refund from Big Pharma and a small local payment: total −£39,000.
    const credits = [
      line('2025-04-10', -40_000_00, 'Big Pharma plc'),
      line('2025-05-10', 1_000_00, 'Medway Care CIC'),
    ];
    const report = reportFrom([...twoYearsAgoLines, ...lastYearLines, ...credits], {
      reportMonth: '2025-10',
    });

    const email = composeReportEmail(report, options);

    expect(email.text).toContain(
      'Total spend: -£39,000 — credits exceed payments, so no share is shown; £100,000 in the same months of 2024/25',
    );
    expect(email.text).toContain(
      'Local (Kent & Medway): £1,000 — credits exceed payments, so no share is shown\n',
    );
    expect(email.text).toMatch(/^2025\/26 to date \(7 months\) +-£39,000 +– +– +–$/m);
    for (const content of [email.text, email.html]) {
      expect(content).not.toMatch(/NaN|Infinity|undefined/);
    }
  });

  it('compares with a year whose credits exceeded its payments by saying so, not by a share', () => {
    const lastYear = [
      line('2024-05-10', -5_000_00, 'Big Pharma plc'),
      line('2024-06-10', 1_000_00, 'Medway Care CIC'),
    ];
    const report = reportFrom([...twoYearsAgoLines, ...lastYear, ...thisYearLines], {
      reportMonth: '2025-10',
    });

    const email = composeReportEmail(report, options);

    expect(email.text).toContain(
      '10.0% of spend; credits exceed payments, so no share is shown in the same months of 2024/25',
    );
  });

  it('compares with no spend recorded when last year’s same months had none', () => {
    const report = reportFrom([...twoYearsAgoLines, ...thisYearLines], { reportMonth: '2025-10' });

    const email = composeReportEmail(report, options);

    expect(email.text).toContain('10.0% of spend; no spend recorded in the same months of 2024/25');
    expect(email.text).not.toMatch(/NaN|Infinity/);
  });

  it('states the definitions in force, one line each', () => {
    const report = octoberReport();

    const email = composeReportEmail(report, options);

    const { definitions } = report;
    for (const [label, text] of [
      ['Financial year', definitions.financialYear],
      ['Local', definitions.local],
      ['SME', definitions.sme],
      ['VCSE', definitions.vcse],
      ['Unknown', definitions.unknown],
      ['Withheld payees', definitions.redacted],
    ]) {
      expect(email.text).toContain(`\n${label}: ${text}\n`);
      expect(email.html).toContain(escapeHtml(text ?? ''));
    }
    expect(email.html).toContain('England &amp; Wales');
  });

  it('warns when months of the year have no spend and names files that were rejected', () => {
    const rejected: LedgerFile = {
      ...ledgerFile('<b>AP</b> & more.csv', [], 'rejected'),
      rejection: { file: '<b>AP</b> & more.csv', line: 0, column: '', value: '', reason: 'empty' },
    };
    const report = reportFrom(
      [...lastYearLines, ...thisYearLines.filter((l) => !l.date.startsWith('2025-09'))],
      { reportMonth: '2025-10', extraFiles: [rejected] },
    );

    const email = composeReportEmail(report, options);

    expect(email.text).toContain(
      'No spend is recorded for September 2025. If a ledger extract for that month is still to come, these figures are understated.',
    );
    expect(email.text).toContain('One file was rejected and is not in these figures: <b>AP</b> & more.csv.');
    expect(email.html).toContain('&lt;b&gt;AP&lt;/b&gt; &amp; more.csv');
    expect(email.html).not.toContain('<b>AP');
  });
});

describe('the board email workbook', () => {
  it('names the attachment and where the workbook is archived', () => {
    const email = composeReportEmail(octoberReport(), options);

    expect(email.text).toContain('The workbook social-value-2025-10.xlsx is attached.');
    expect(email.text).toContain(`Archive: ${ARCHIVE}`);
    expect(email.html).toContain(ARCHIVE);
    expect(email.text).not.toContain('too large');
  });

  it('says plainly, before the figures, that a workbook too large to attach is in the archive', () => {
    const email = composeReportEmail(octoberReport(), { ...options, attachmentName: undefined });

    const warning = `The workbook was too large to attach to this email. It is archived at ${ARCHIVE}`;
    expect(email.text).toContain(warning);
    expect(email.text.indexOf(warning)).toBeLessThan(email.text.indexOf('Total spend'));
    expect(email.html).toContain(warning);
    expect(email.html.indexOf(warning)).toBeLessThan(email.html.indexOf('Total spend'));
    expect(email.text).not.toContain('is attached');
  });
});

describe('the board email HTML', () => {
  const hostile = 'Kent & Medway <script>alert("x")</script> NHS';
  const report = reportFrom(
    [
      ...lastYearLines,
      ...thisYearLines,
      line('2025-10-08', 1_00, '<script>alert(1)</script> & Sons'),
      redacted('2025-10-09', 1_00),
    ],
    { reportMonth: '2025-10' },
  );
  const email = composeReportEmail(report, { ...options, trustName: hostile });

  it('escapes the trust name and every other piece of data', () => {
    expect(email.html).toContain(
      'Kent &amp; Medway &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; NHS: social value spend',
    );
    expect(email.text).toContain(`${hostile}: social value spend`);
    expect(email.html).not.toMatch(/<script/i);
    expect(email.html).not.toContain('alert(1)');
  });

  it('is a standalone en-GB document with inline styles only: no scripts, classes, style sheets or images unless sent with it', () => {
    expect(email.html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(email.html).toContain('<meta charset="utf-8">');
    expect(email.html).not.toMatch(/<script|<img|<link|<style|class=|src=|url\(|https?:/i);
    expect(email.html).toMatch(/<table role="presentation"/);
  });

  it('is the same email every time for the same report', () => {
    expect(composeReportEmail(report, { ...options, trustName: hostile })).toEqual(email);
  });
});

describe('the chart in the board email', () => {
  const chart = {
    src: 'cid:share-chart@socval',
    alt: 'Bar chart of the share of spend … 2025/26 to date (7 months): local 10.0% & more',
    width: 632,
    height: 320,
  };
  const email = composeReportEmail(octoberReport(), { ...options, chart });

  it('shows the chart sent with the message, sized for Outlook, with its alt text, above the years table', () => {
    const images = email.html.match(/<img [^>]*>/g) ?? [];
    expect(images).toHaveLength(1);
    const [image = ''] = images;
    expect(image).toContain('src="cid:share-chart@socval"');
    expect(image).toContain('width="632" height="320"');
    expect(image).toContain(`alt="${escapeHtml(chart.alt)}"`);
    expect(email.html.indexOf(image)).toBeGreaterThan(email.html.indexOf('Share of spend by financial year'));
    expect(email.html.indexOf(image)).toBeLessThan(email.html.indexOf('<th scope="col"'));
    // The only image source is the one sent with the message: nothing is fetched from the web.
    expect(email.html.match(/src=/g)).toHaveLength(1);
    expect(email.html).not.toMatch(/https?:|url\(/i);
  });

  it('gives the chart as its alt text in the plain-text alternative', () => {
    expect(email.text).toContain(`[Chart] ${chart.alt}`);
  });

  it('shows the chart even before there are earlier years to compare', () => {
    const firstYear = reportFrom(thisYearLines, { reportMonth: '2025-10', firstYear: '2025/26' });
    expect(composeReportEmail(firstYear, { ...options, chart }).html).toContain(
      'src="cid:share-chart@socval"',
    );
  });

  it("colours the main heading in the trust's colour", () => {
    const branded = composeReportEmail(octoberReport(), { ...options, accent: '#AE2573' });
    expect(branded.html).toMatch(/<h1 style="[^"]*color:#AE2573;/);
    expect(email.html).toMatch(/<h1 style="[^"]*color:#005eb8;/);
  });
});
