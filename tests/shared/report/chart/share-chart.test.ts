import { describe, expect, it } from 'vitest';
import { shareInTenths } from '../../../../shared/money/format-share.ts';
import {
  DEFAULT_CHART_COLOURS,
  MAX_CHART_YEARS,
  type Report,
  renderShareChart,
} from '../../../../shared/report/index.ts';
import { lastYearLines, octoberReport, reportFrom, thisYearLines } from '../../email/helpers.ts';
import { line } from '../helpers.ts';
import { barsOfColour, readPng } from './read-png.ts';

const SERIES = ['local', 'sme', 'vcse'] as const;

/** Each year's shares in tenths of a percent, per series, as the report has them. */
function sharesOf(report: Report, years = report.financialYears) {
  return years.map((year) => SERIES.map((key) => shareInTenths(year.figures[key], year.figures.total)));
}

describe('renderShareChart', () => {
  const report = octoberReport();
  const chart = renderShareChart(report);
  const png = readPng(chart.png);

  it('is a PNG at twice its display size', () => {
    expect([chart.width, chart.height]).toEqual([632, 320]);
    expect([png.width, png.height]).toEqual([chart.width * 2, chart.height * 2]);
  });

  it('draws one bar per year and series, each as tall as its share', () => {
    const shares = sharesOf(report);
    const bars = SERIES.map((key) => barsOfColour(png, DEFAULT_CHART_COLOURS[key]));
    for (const [s, series] of bars.entries())
      expect(series, SERIES[s]).toHaveLength(report.financialYears.length);
    const baseline = Math.max(...bars.flat().map((bar) => bar.bottom));
    const heights = bars.map((series) => series.map((bar) => baseline - bar.top + 1));
    // Pixels per tenth of a percent, from the tallest bar; every other bar within 2 px of its share.
    const tallest = Math.max(...shares.flat().map((share) => share ?? 0));
    const perTenth = Math.max(...heights.flat()) / tallest;
    for (const [y, year] of shares.entries()) {
      for (const [s, share] of year.entries()) {
        expect(
          Math.abs((heights[s]?.[y] ?? 0) - (share ?? 0) * perTenth),
          `${SERIES[s]} in year ${y}`,
        ).toBeLessThanOrEqual(2);
      }
    }
    // Bars of a year stand side by side, local then SME then VCSE; years left to right.
    for (let y = 0; y < shares.length; y++) {
      const [local, sme, vcse] = bars.map((series) => series[y]);
      expect(local?.x1).toBeLessThan(sme?.x0 ?? 0);
      expect(sme?.x1).toBeLessThan(vcse?.x0 ?? 0);
    }
  });

  it('says every figure it shows in its alt text', () => {
    expect(chart.alt).toMatch(
      /^Bar chart of the share of spend with local suppliers, SMEs and VCSE organisations/,
    );
    expect(chart.alt).toContain('2023/24: local (Kent & Medway) 5.0%, SMEs 20.0%, VCSE organisations 5.0%.');
    expect(chart.alt).toContain(
      '2025/26 to date (7 months): local (Kent & Medway) 10.0%, SMEs 25.0%, VCSE organisations 6.0%.',
    );
  });

  it('gives the same bytes for the same report', () => {
    expect(Buffer.from(renderShareChart(octoberReport()).png).equals(Buffer.from(chart.png))).toBe(true);
  });

  it('uses the colours it is given', () => {
    const colours = { local: '#123456', sme: '#abcdef', vcse: '#a0522d' };
    const custom = readPng(renderShareChart(report, colours).png);
    for (const key of SERIES) {
      expect(barsOfColour(custom, colours[key])).toHaveLength(report.financialYears.length);
      expect(barsOfColour(custom, DEFAULT_CHART_COLOURS[key])).toHaveLength(0);
    }
  });

  it('draws no bars for a year without spend, and says so', () => {
    const gap = reportFrom([...lastYearLines, ...thisYearLines], {
      reportMonth: '2025-10',
      firstYear: '2023/24',
    });
    const drawn = readPng(renderShareChart(gap).png);
    expect(barsOfColour(drawn, DEFAULT_CHART_COLOURS.local)).toHaveLength(2);
    expect(renderShareChart(gap).alt).toContain('2023/24: no spend recorded.');
  });

  it('draws no bars for a year whose credits exceed its payments, and says so', () => {
    const credits = [
      line('2023-05-01', -9_000_00, 'Big Pharma plc'),
      line('2023-06-01', 1_000_00, 'Medway Care CIC'),
    ];
    const refunded = reportFrom([...credits, ...lastYearLines, ...thisYearLines], {
      reportMonth: '2025-10',
      firstYear: '2023/24',
    });
    const chart = renderShareChart(refunded);
    expect(barsOfColour(readPng(chart.png), DEFAULT_CHART_COLOURS.local)).toHaveLength(2);
    expect(chart.alt).toContain('2023/24: credits exceed payments, so no share is shown.');
  });

  it(`shows only the latest ${MAX_CHART_YEARS} years, and says where the rest are`, () => {
    const years = Array.from({ length: 9 }, (_, i) =>
      line(`${2016 + i}-06-01`, (i + 1) * 1_000_00, 'Medway Care CIC'),
    );
    const long = reportFrom([...years, line('2024-07-01', 10_000_00, 'Big Pharma plc')], {
      reportMonth: '2025-03',
      firstYear: '2016/17',
    });
    const drawn = renderShareChart(long);
    expect(barsOfColour(readPng(drawn.png), DEFAULT_CHART_COLOURS.local)).toHaveLength(MAX_CHART_YEARS);
    expect(drawn.alt).not.toContain('2018/19');
    expect(drawn.alt).toContain('2019/20');
    expect(drawn.alt).toContain('Earlier years are in the table and the workbook.');
  });
});
