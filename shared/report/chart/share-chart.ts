import { formatTenths, hasShares, shareInTenths, whyNoShares } from '../../money/format-share.ts';
import { describeMonthCount } from '../../periods/financial-year.ts';
import type { FinancialYearFigures } from '../aggregate-spend.ts';
import type { Report } from '../build-report.ts';
import { type ChartColours, DEFAULT_CHART_COLOURS } from './chart-colours.ts';
import { encodePng } from './encode-png.ts';
import { type Contour, parseHexColour, Raster, type Rgb } from './raster.ts';
import { capHeight, measureText, type TextStyle, textContours } from './text.ts';

export interface ShareChart {
  /** PNG bytes, drawn at twice the display size for sharp high-density screens and print. */
  png: Uint8Array;
  /** Display size in CSS pixels (the PNG is twice this). */
  width: number;
  height: number;
  title: string;
  /** Every figure the chart shows, in words, for screen readers and mail that blocks images. */
  alt: string;
}

/** The chart's file name wherever it is written or attached. */
export const CHART_FILE_NAME = 'share-of-spend.png';

/** The chart shows the latest years only, so bars stay wide enough to label. */
export const MAX_CHART_YEARS = 6;

const WIDTH = 632;
const HEIGHT = 320;
const SCALE = 2;
const TEXT: Rgb = [0x1f, 0x29, 0x37];
const MUTED: Rgb = [0x4b, 0x55, 0x63];
const GRID: Rgb = [0xe5, 0xe7, 0xeb];
const AXIS: Rgb = [0x9c, 0xa3, 0xaf];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const PLOT = { left: 52, right: WIDTH - 12, top: 84, bottom: HEIGHT - 48 };

interface Series {
  key: keyof ChartColours;
  label: string;
  /** The label inside a sentence. */
  inWords: string;
}

interface YearBars {
  label: string;
  /** `(7 months)` under a year to date. */
  note?: string;
  /** Tenths of a percent per series; undefined when the year's spend has no shares. */
  shares: (number | undefined)[];
  /** Why the year has no shares, when it has none. */
  whyNone?: string;
}

function seriesOf(report: Report): Series[] {
  return [
    {
      key: 'local',
      label: `Local (${report.definitions.locality.name})`,
      inWords: `local (${report.definitions.locality.name})`,
    },
    { key: 'sme', label: 'SMEs', inWords: 'SMEs' },
    { key: 'vcse', label: 'VCSE organisations', inWords: 'VCSE organisations' },
  ];
}

function barsOf(year: FinancialYearFigures, series: readonly Series[]): YearBars {
  const figures = year.figures;
  return {
    label: year.fy.label,
    ...(year.yearToDate ? { note: `to date (${describeMonthCount(year.months)})` } : {}),
    shares: series.map((s) => shareInTenths(figures[s.key], figures.total)),
    ...(hasShares(figures.total) ? {} : { whyNone: whyNoShares(figures.total) }),
  };
}

/** Gridline step and top of the axis (tenths of a percent): at most five steps, from 1% to 25%. */
function axisOf(years: readonly YearBars[]): { step: number; top: number } {
  const highest = Math.max(10, ...years.flatMap((y) => y.shares.map((share) => share ?? 0)));
  for (const step of [10, 20, 50, 100, 200, 250]) {
    const top = Math.ceil((highest * 1.05) / step) * step;
    if (top / step <= 5) return { step, top };
  }
  return { step: 250, top: Math.ceil(highest / 250) * 250 };
}

function describe(years: readonly YearBars[], series: readonly Series[], omitted: number): string {
  const sentences = years.map((year) => {
    const label = year.note === undefined ? year.label : `${year.label} ${year.note}`;
    if (year.whyNone !== undefined) return `${label}: ${year.whyNone}.`;
    const parts = series.map((s, i) => `${s.inWords} ${formatTenths(year.shares[i] ?? 0)}%`);
    return `${label}: ${parts.join(', ')}.`;
  });
  const earlier = omitted === 0 ? '' : ` Earlier years are in the table and the workbook.`;
  return `Bar chart of the share of spend with local suppliers, SMEs and VCSE organisations by financial year. ${sentences.join(' ')}${earlier}`;
}

/**
 * The board pack's chart: for each financial year (the latest six), the shares of spend with
 * local suppliers, SMEs and VCSE organisations as grouped bars, each labelled with its value.
 * Drawn in-process with an embedded font, so it looks the same on a laptop and in Lambda.
 *
 * @example const chart = renderShareChart(report); // chart.png into the email (cid:) and the Summary sheet
 */
export function renderShareChart(report: Report, colours: ChartColours = DEFAULT_CHART_COLOURS): ShareChart {
  const series = seriesOf(report);
  const all = report.financialYears.map((year) => barsOf(year, series));
  const years = all.slice(-MAX_CHART_YEARS);
  const title = 'Share of spend by financial year';
  const fills = series.map((s) => parseHexColour(colours[s.key]));

  const raster = new Raster(WIDTH * SCALE, HEIGHT * SCALE, WHITE);
  const paint = (contours: Contour[], colour: Rgb) =>
    raster.fill(
      contours.map((contour) => contour.map((p) => ({ x: p.x * SCALE, y: p.y * SCALE }))),
      colour,
    );
  const rect = (x0: number, y0: number, x1: number, y1: number, colour: Rgb) =>
    raster.fillRect(x0 * SCALE, y0 * SCALE, x1 * SCALE, y1 * SCALE, colour);
  const text = (
    value: string,
    x: number,
    y: number,
    style: TextStyle,
    colour: Rgb,
    align?: 'left' | 'center' | 'right',
  ) => paint(textContours(value, x, y, style, align), colour);

  text(title, 12, 24, { size: 17, weight: 'bold' }, TEXT);
  text(
    years.length < all.length
      ? `% of each year's spend; the latest ${years.length} years`
      : "% of each year's spend",
    12,
    44,
    { size: 12 },
    MUTED,
  );

  let legendX = 12;
  series.forEach((s, i) => {
    rect(legendX, 56, legendX + 12, 68, fills[i] ?? TEXT);
    text(s.label, legendX + 17, 67, { size: 13 }, TEXT);
    legendX += 17 + measureText(s.label, { size: 13 }) + 22;
  });

  const { step, top } = axisOf(years);
  const yOf = (tenths: number) =>
    PLOT.bottom - (Math.min(Math.max(tenths, 0), top) / top) * (PLOT.bottom - PLOT.top);
  const axisStyle = { size: 11 };
  for (let tick = 0; tick <= top; tick += step) {
    const y = yOf(tick);
    if (tick > 0) rect(PLOT.left, y - 0.5, PLOT.right, y + 0.5, GRID);
    text(`${tick / 10}%`, PLOT.left - 6, y + capHeight(axisStyle) / 2, axisStyle, MUTED, 'right');
  }

  const groupWidth = (PLOT.right - PLOT.left) / Math.max(years.length, 1);
  const barWidth = Math.min(44, (groupWidth * 0.8) / series.length);
  const valueStyle: TextStyle = { size: 11, weight: 'bold' };
  const values = years.flatMap((year) =>
    year.shares.flatMap((share) => (share === undefined ? [] : [share])),
  );
  const withSign = values.every(
    (share) => measureText(`${formatTenths(share)}%`, valueStyle) <= barWidth + 2,
  );
  years.forEach((year, g) => {
    const centre = PLOT.left + groupWidth * (g + 0.5);
    const left = centre - (barWidth * series.length) / 2;
    year.shares.forEach((share, i) => {
      const x0 = left + i * barWidth;
      const barCentre = x0 + barWidth / 2;
      if (share === undefined) {
        text('–', barCentre, PLOT.bottom - 4, valueStyle, MUTED, 'center');
        return;
      }
      const y = yOf(share);
      rect(x0 + 1, y, x0 + barWidth - 1, PLOT.bottom, fills[i] ?? TEXT);
      const label = `${formatTenths(share)}${withSign ? '%' : ''}`;
      text(label, barCentre, Math.max(y - 4, PLOT.top - 2), valueStyle, TEXT, 'center');
    });
    text(year.label, centre, PLOT.bottom + 18, { size: 12, weight: 'bold' }, TEXT, 'center');
    if (year.note !== undefined) text(year.note, centre, PLOT.bottom + 34, { size: 11 }, MUTED, 'center');
  });
  rect(PLOT.left, PLOT.bottom - 0.5, PLOT.right, PLOT.bottom + 0.5, AXIS);

  return {
    png: encodePng(raster),
    width: WIDTH,
    height: HEIGHT,
    title,
    alt: describe(years, series, all.length - years.length),
  };
}
