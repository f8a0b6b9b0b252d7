import { HEX_COLOUR } from '../report/chart/raster.ts';
import { escapeHtml } from './escape-html.ts';

/** An email as sent: a subject and the same content as plain text and as HTML. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** A labelled figure or fact: `Label: value — detail`. */
export interface Fact {
  label: string;
  value: string;
  detail?: string;
  /** Show the value as a location to copy (monospace). */
  code?: boolean;
}

/**
 * What an email says, as plain data. Both renderings come from the same blocks, so the text
 * alternative carries exactly the figures the HTML does. Every string is text, escaped on the way
 * into HTML.
 */
export type EmailBlock =
  | { kind: 'heading'; text: string; level: 1 | 2 }
  | { kind: 'paragraph'; text: string; tone?: 'notice' | 'small' }
  /** `figures`: short bold values with a detail beside them; `terms`: a label and wrapping text. */
  | { kind: 'facts'; variant: 'figures' | 'terms'; rows: readonly Fact[] }
  | {
      kind: 'table';
      head: readonly string[];
      rows: readonly (readonly string[])[];
      /** Per column: right-align (figures). */
      numeric: readonly boolean[];
      /** The text rendering, one line per row, when a padded grid would not read well. */
      textLines?: readonly string[];
    }
  | { kind: 'list'; items: readonly string[]; ordered?: boolean }
  /** An image sent with the message (`src` is `cid:…`), at its display size; the text rendering is its alt text. */
  | { kind: 'image'; src: string; alt: string; width: number; height: number };

/** How the email looks: the trust's colour for the main heading. */
export interface EmailStyle {
  /** `#rrggbb`. */
  accent?: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_IN_SUBJECT = /[\u0000-\u001F\u007F]+/g;

/** Control characters (other than tab and line breaks) from a bad file are shown as `�`, never sent raw. */
function clean(text: string): string {
  return text.replace(CONTROL_IN_TEXT, '\uFFFD');
}

/** A subject is one line: line breaks and other control characters become spaces. */
export function cleanSubject(text: string): string {
  return text.replace(CONTROL_IN_SUBJECT, ' ').replace(/ {2,}/g, ' ').trim();
}

function factText(fact: Fact): string {
  return `${fact.label}: ${fact.value}${fact.detail === undefined ? '' : ` — ${fact.detail}`}`;
}

function gridText(block: Extract<EmailBlock, { kind: 'table' }>): string[] {
  const widths = block.head.map((head, i) =>
    Math.max(head.length, ...block.rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (block.numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(block.head), line(widths.map((w) => '-'.repeat(w))), ...block.rows.map(line)];
}

function blockText(block: EmailBlock): string {
  switch (block.kind) {
    case 'heading':
      return `${block.text}\n${(block.level === 1 ? '=' : '-').repeat(block.text.length)}`;
    case 'paragraph':
      return block.tone === 'notice' ? `*** ${block.text} ***` : block.text;
    case 'facts':
      return block.rows.map(factText).join('\n');
    case 'table':
      return (block.textLines ?? gridText(block)).join('\n');
    case 'list':
      return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${item}`).join('\n');
    case 'image':
      return `[Chart] ${block.alt}`;
  }
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const CELL = 'padding:6px 12px 6px 0;vertical-align:top;border-bottom:1px solid #e5e7eb;';
const MONO = 'font-family:Consolas,Menlo,Courier,monospace;word-break:break-all;';
const PRESENTATION = 'role="presentation" cellpadding="0" cellspacing="0" border="0"';

function h(text: string): string {
  return escapeHtml(clean(text));
}

const DEFAULT_ACCENT = '#005eb8';

function blockHtml(block: EmailBlock, accent: string): string {
  switch (block.kind) {
    case 'heading':
      return block.level === 1
        ? `<h1 style="margin:0 0 16px;${FONT}font-size:22px;line-height:28px;font-weight:bold;color:${accent};">${h(block.text)}</h1>`
        : `<h2 style="margin:24px 0 8px;${FONT}font-size:17px;line-height:24px;font-weight:bold;color:#1f2937;">${h(block.text)}</h2>`;
    case 'paragraph':
      if (block.tone === 'notice') {
        return (
          `<table ${PRESENTATION} width="100%" style="border-collapse:collapse;margin:0 0 16px;"><tr>` +
          `<td style="padding:12px 16px;background-color:#fff4e5;border-left:4px solid #ffb81c;${FONT}font-size:15px;line-height:22px;font-weight:bold;color:#1f2937;">${h(block.text)}</td>` +
          '</tr></table>'
        );
      }
      return block.tone === 'small'
        ? `<p style="margin:0 0 12px;${FONT}font-size:13px;line-height:19px;color:#4b5563;">${h(block.text)}</p>`
        : `<p style="margin:0 0 12px;${FONT}font-size:15px;line-height:22px;color:#1f2937;">${h(block.text)}</p>`;
    case 'facts': {
      const figures = block.variant === 'figures';
      const rows = block.rows.map((fact) => {
        const value = fact.code
          ? `<span style="${MONO}">${h(fact.value)}</span>`
          : figures
            ? `<strong>${h(fact.value)}</strong>`
            : h(fact.value);
        const detail =
          fact.detail === undefined
            ? ''
            : `<td style="${CELL}padding-right:0;color:#4b5563;">${h(fact.detail)}</td>`;
        const label = figures
          ? `<td style="${CELL}font-weight:bold;">${h(fact.label)}</td>`
          : `<td width="170" style="${CELL}width:170px;font-weight:bold;">${h(fact.label)}</td>`;
        return `<tr>${label}<td style="${CELL}${figures ? 'white-space:nowrap;' : ''}">${value}</td>${detail}</tr>`;
      });
      return `<table ${PRESENTATION} width="100%" style="border-collapse:collapse;margin:0 0 16px;${FONT}font-size:15px;line-height:22px;color:#1f2937;">${rows.join('')}</table>`;
    }
    case 'table': {
      const align = (i: number) => (block.numeric[i] ? 'right' : 'left');
      const head = block.head
        .map(
          (cell, i) =>
            `<th scope="col" align="${align(i)}" style="padding:6px 8px;text-align:${align(i)};border-bottom:2px solid #9ca3af;font-weight:bold;">${h(cell)}</th>`,
        )
        .join('');
      const rows = block.rows.map(
        (row) =>
          `<tr>${row
            .map(
              (cell, i) =>
                `<td align="${align(i)}" style="padding:6px 8px;text-align:${align(i)};vertical-align:top;border-bottom:1px solid #e5e7eb;">${h(cell)}</td>`,
            )
            .join('')}</tr>`,
      );
      return (
        `<table cellpadding="0" cellspacing="0" border="0" width="100%" style="border-collapse:collapse;margin:0 0 16px;${FONT}font-size:14px;line-height:20px;color:#1f2937;">` +
        `<thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`
      );
    }
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      const items = block.items.map((item) => `<li style="margin:0 0 6px;">${h(item)}</li>`).join('');
      return `<${tag} style="margin:0 0 12px;padding-left:24px;${FONT}font-size:15px;line-height:22px;color:#1f2937;">${items}</${tag}>`;
    }
    case 'image':
      // Outlook sizes images by the attributes; other clients scale it down on narrow screens.
      return (
        `<img src="${h(block.src)}" width="${block.width}" height="${block.height}" alt="${h(block.alt)}" ` +
        `style="display:block;width:100%;max-width:${block.width}px;height:auto;border:0;margin:0 0 16px;${FONT}font-size:13px;color:#4b5563;">`
      );
  }
}

/**
 * One email from its blocks: plain text, and HTML that Outlook and Gmail render alike (table
 * layout, inline styles, no scripts, classes or external images — only images sent with the
 * message — every piece of data escaped).
 */
export function renderEmail(
  subject: string,
  blocks: readonly EmailBlock[],
  style: EmailStyle = {},
): EmailContent {
  const accent = style.accent === undefined || !HEX_COLOUR.test(style.accent) ? DEFAULT_ACCENT : style.accent;
  const oneLineSubject = cleanSubject(subject);
  const text = `${blocks.map((block) => clean(blockText(block))).join('\n\n')}\n`;
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(oneLineSubject)}</title>`,
    '</head>',
    '<body style="margin:0;padding:0;background-color:#f3f4f6;">',
    `<table ${PRESENTATION} width="100%" style="border-collapse:collapse;background-color:#f3f4f6;"><tr><td align="center" style="padding:24px 12px;">`,
    `<table ${PRESENTATION} width="680" style="border-collapse:collapse;width:100%;max-width:680px;background-color:#ffffff;"><tr><td style="padding:24px;${FONT}font-size:15px;line-height:22px;color:#1f2937;">`,
    ...blocks.map((block) => blockHtml(block, accent)),
    '</td></tr></table>',
    '</td></tr></table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { subject: oneLineSubject, text, html };
}
