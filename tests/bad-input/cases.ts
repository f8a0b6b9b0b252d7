import type { ReadLedgerOptions } from '../../shared/types.ts';

/**
 * The bad-input corpus: every hostile or broken file in `files/` (committed, small) or made by
 * `generate.ts` (big, binary or dangerous), with the outcome each reader must give, pinned. A rejection
 * pins the line, column and value it names and the key words of its message — what is wrong and what
 * to do — not its whole text.
 */

/** One problem as `LineIssue` carries it: file (always the case's file), line, column, value, reason. */
export interface PinnedIssue {
  line: number;
  /** The column header named; '' (the default) for a problem with the whole file. */
  column?: string;
  /** The offending value quoted; '' (the default) when there is none. */
  value?: string;
  /** The key parts of the reason: what is wrong, and what to do. */
  says: RegExp;
}

export type LedgerOutcome =
  | {
      accepted: {
        lines: number;
        /** Sum of the accepted lines, in pence. */
        pence: number;
        /** Every problem listed, in order (none when absent). */
        issues?: PinnedIssue[];
        /** Each accepted line's supplier, exactly as read (for files whose names are the point). */
        suppliers?: string[];
      };
    }
  | { rejected: PinnedIssue };

export interface LedgerCase {
  file: string;
  what: string;
  expect: LedgerOutcome;
  options?: ReadLedgerOptions;
  /** Takes seconds (a zip bomb refused, a million rows read): read by each reader once, not in every way. */
  heavy?: boolean;
}

export const LEDGER_CASES: readonly LedgerCase[] = [
  // Nothing to read
  {
    file: 'empty.csv',
    what: 'an empty file',
    expect: {
      rejected: { line: 0, says: /^empty\.csv is empty: export the ledger again with its header row/ },
    },
  },
  {
    file: 'header-only.csv',
    what: 'a header and nothing else',
    expect: {
      rejected: {
        line: 0,
        says: /header row on line 1 but no payment lines below it: export the month again/,
      },
    },
  },
  {
    file: 'blank-lines-only.csv',
    what: 'blank lines and empty cells only',
    expect: { rejected: { line: 0, says: /^blank-lines-only\.csv is empty: export the ledger again/ } },
  },
  {
    file: 'only-a-totals-row.csv',
    what: 'a header and a totals row',
    expect: { rejected: { line: 0, says: /header row on line 1 but no payment lines below it/ } },
  },
  {
    file: 'no-header.csv',
    what: 'payment lines without a header row',
    expect: {
      rejected: {
        line: 1,
        column: 'payment date, supplier, amount',
        value: '13/04/2024 | Acme Ltd | 100.00',
        says: /no payment date, supplier, amount column found in the first 30 rows.*Rename the column or export the ledger with its header row/,
      },
    },
  },

  // Not a table at all
  {
    file: 'binary-junk.csv',
    what: '64 KB of random bytes named .csv',
    expect: {
      rejected: {
        line: 1,
        says: /^binary-junk\.csv has a NUL \(zero\) byte on line 1.*binary data.*export the ledger as CSV or \.xlsx/,
      },
    },
  },
  {
    file: 'payments-report-pdf.xlsx',
    what: 'a PDF report renamed .xlsx',
    expect: {
      rejected: {
        line: 0,
        says: /^payments-report-pdf\.xlsx is a PDF document.*export the ledger as CSV or \.xlsx/,
      },
    },
  },
  {
    file: 'web-page-export.xls',
    what: 'an HTML table saved as .xls, as finance systems "export to Excel"',
    expect: {
      rejected: { line: 0, says: /^web-page-export\.xls is a web page \(HTML\).*save it as \.xlsx or CSV/ },
    },
  },
  {
    file: 'excel-2003-xml.xls',
    what: 'an Excel 2003 XML spreadsheet',
    expect: {
      rejected: {
        line: 0,
        says: /^excel-2003-xml\.xls is an Excel 2003 XML spreadsheet.*save it as \.xlsx or CSV/,
      },
    },
  },
  {
    file: 'legacy-excel-97.xls',
    what: 'a legacy Excel 97–2003 workbook',
    expect: {
      rejected: {
        line: 0,
        says: /^legacy-excel-97\.xls is a legacy Excel 97–2003 workbook.*save it as \.xlsx or CSV/,
      },
    },
  },
  {
    file: 'zipped-csv.xlsx',
    what: 'a zip holding a CSV, named .xlsx',
    expect: {
      rejected: {
        line: 0,
        says: /^zipped-csv\.xlsx is a zip file but not an Excel workbook \(it holds "april\.csv"\): unzip it/,
      },
    },
  },
  {
    file: 'libreoffice-ods.xlsx',
    what: 'an OpenDocument spreadsheet (LibreOffice) named .xlsx',
    expect: {
      rejected: {
        line: 0,
        says: /^libreoffice-ods\.xlsx is an OpenDocument spreadsheet \(\.ods.*save it as \.xlsx or CSV/,
      },
    },
  },

  // Damaged or hostile workbooks
  {
    file: 'truncated.xlsx',
    what: 'a workbook cut in half',
    expect: {
      rejected: {
        line: 0,
        says: /^truncated\.xlsx .*is damaged \(cut short, or changed after it was saved\) and could not be opened as an Excel workbook.*save it as \.xlsx or CSV/,
      },
    },
  },
  {
    file: 'corrupt-deflate.xlsx',
    what: 'a worksheet whose deflate stream breaks half way (the reader used to wait for ever)',
    expect: {
      rejected: {
        line: 0,
        says: /^corrupt-deflate\.xlsx .*is damaged .*could not be opened as an Excel workbook.*save it as \.xlsx or CSV/,
      },
    },
  },
  {
    file: 'zip-bomb-declared.xlsx',
    what: 'a 12 MB zip whose sheet says it inflates to 4 GB',
    expect: {
      rejected: {
        line: 0,
        says: /^zip-bomb-declared\.xlsx says xl\/worksheets\/sheet1\.xml inflates to 3,969 MB.*"zip bomb".*save it as \.xlsx or CSV/,
      },
    },
  },
  {
    file: 'zip-bomb-lying-sizes.xlsx',
    what: 'the same bomb claiming its sheet is 1 KB',
    heavy: true,
    expect: {
      rejected: {
        line: 0,
        says: /^zip-bomb-lying-sizes\.xlsx inflates to more than 512 MB of workbook data \(reading xl\/worksheets\/sheet1\.xml\).*"zip bomb".*save it as \.xlsx or CSV/,
      },
    },
  },
  {
    file: 'zip-bomb-in-media.xlsx',
    what: 'a good sheet beside 4 GB of zeros posing as a 4 KB picture',
    heavy: true,
    expect: {
      rejected: {
        line: 0,
        says: /^zip-bomb-in-media\.xlsx inflates to more than 512 MB of workbook data \(reading xl\/media\/image1\.png\)/,
      },
    },
  },
  {
    file: 'zip-bomb-shared-strings.xlsx',
    what: 'one shared string of 1 GB of spaces',
    expect: {
      rejected: {
        line: 0,
        says: /^zip-bomb-shared-strings\.xlsx has over 1 MB of xl\/sharedStrings\.xml without a single XML tag.*save it as \.xlsx or CSV/,
      },
    },
  },
  {
    file: 'million-empty-styled-rows.xlsx',
    what: 'two payments, then every row to 1,048,576 styled but empty',
    heavy: true,
    expect: { accepted: { lines: 2, pence: 20_100 } },
  },
  {
    file: 'row-beyond-excel.xlsx',
    what: 'a row numbered 2,000,000,000',
    expect: {
      rejected: {
        line: 0,
        says: /^row-beyond-excel\.xlsx has a row numbered 2,000,000,000 in sheet "Payments", beyond Excel's last row.*save it as \.xlsx or CSV/,
      },
    },
  },
  {
    file: 'stray-cells-far-right.xlsx',
    what: 'a value in column XFD on 1,100 rows',
    heavy: true,
    expect: {
      rejected: {
        line: 0,
        says: /^stray-cells-far-right\.xlsx has more than 8,388,608 cells in sheet "Payments".*delete the unused rows and columns/,
      },
    },
  },
  {
    file: 'merged-whole-sheet.xlsx',
    what: 'one merged range over the whole sheet',
    expect: {
      rejected: {
        line: 0,
        says: /^merged-whole-sheet\.xlsx merges more than 1,048,576 cells in sheet "Payments" \(up to A5:XFD1048576\).*unmerge the cells/,
      },
    },
  },
  {
    file: 'rows-out-of-order.xlsx',
    what: 'row 4 after row 5',
    expect: {
      rejected: {
        line: 0,
        says: /^rows-out-of-order\.xlsx lists row 4 of sheet "Payments" again after row 5.*save it as \.xlsx or CSV/,
      },
    },
  },
  {
    file: 'excel-error-cells.xlsx',
    what: 'a #REF! error where an amount should be',
    expect: {
      accepted: {
        lines: 40,
        pence: 478_000,
        issues: [{ line: 42, column: 'Amount', value: '#REF!', says: /"#REF!" is not a money amount/ }],
      },
    },
  },
  {
    file: 'excel-date-1900.xlsx',
    what: 'date cells, one of them serial 1 (January 1900)',
    expect: {
      accepted: {
        lines: 40,
        pence: 40_000,
        issues: [
          {
            line: 42,
            column: 'Date',
            value: '1899-12-31',
            says: /not a plausible payment date: the year 1899 is outside 1990–2099/,
          },
        ],
      },
    },
  },
  {
    file: 'excel-huge-number.xlsx',
    what: 'an amount cell of 1e20',
    expect: {
      rejected: {
        line: 2,
        column: 'Amount',
        value: '100000000000000000000',
        says: /is not a money amount: it is too large to be a payment.*Fix these lines/,
      },
    },
  },

  // Broken text
  {
    file: 'fifty-mb-field.csv',
    what: 'a 50 MB quoted field',
    expect: {
      rejected: {
        line: 2,
        says: /^fifty-mb-field\.csv has a line longer than 1,048,576 characters starting on line 2.*check the quotes on line 2/,
      },
    },
  },
  {
    file: 'unbalanced-quote.csv',
    what: 'a quote opened and never closed',
    expect: {
      rejected: {
        line: 3,
        says: /^unbalanced-quote\.csv has a quote \("\) on line 3 that is never closed.*check the quotes on line 3/,
      },
    },
  },
  {
    file: 'stray-quote-inside-field.csv',
    what: 'quotes inside an unquoted name',
    expect: { accepted: { lines: 2, pence: 30_000, suppliers: ['Acme "The Best" Ltd', 'Beta Ltd'] } },
  },
  {
    file: 'mixed-delimiters.csv',
    what: 'a header with semicolons over comma-separated lines',
    expect: {
      rejected: {
        line: 1,
        value: 'Date;Supplier;Amount',
        says: /the header on line 1 separates its columns with ";", but the rest of the file uses another separator.*save the whole file again with one separator/,
      },
    },
  },
  {
    file: 'nul-bytes.csv',
    what: 'a NUL byte in a supplier name',
    expect: {
      rejected: {
        line: 3,
        says: /^nul-bytes\.csv has a NUL \(zero\) byte on line 3.*export the ledger as CSV or \.xlsx/,
      },
    },
  },
  {
    file: 'regex-hostile-cells.csv',
    what: '400,000-character runs of spaces and asterisks (the date and payee patterns took minutes)',
    expect: {
      accepted: {
        lines: 41,
        pence: 410_000,
        issues: [
          {
            line: 12,
            column: 'Date',
            value: `1${' '.repeat(199)}… (400,002 characters)`,
            says: /is not a date: it is far too long for one/,
          },
          {
            line: 32,
            column: 'Amount',
            value: `1${' '.repeat(199)}… (400,002 characters)`,
            says: /is not a money amount: it is far too long for one/,
          },
        ],
      },
    },
  },

  // Encodings
  {
    file: 'utf16le-bom.csv',
    what: 'UTF-16 little-endian with a byte-order mark',
    expect: { accepted: { lines: 2, pence: 30_050, suppliers: ['Café Nero Ltd', 'Beta Ltd'] } },
  },
  {
    file: 'utf16le-no-bom.csv',
    what: 'UTF-16 little-endian without a byte-order mark',
    expect: { accepted: { lines: 2, pence: 30_050, suppliers: ['Café Nero Ltd', 'Beta Ltd'] } },
  },
  {
    file: 'utf16be-bom.csv',
    what: 'UTF-16 big-endian with a byte-order mark',
    expect: { accepted: { lines: 2, pence: 30_050, suppliers: ['Café Nero Ltd', 'Beta Ltd'] } },
  },
  {
    file: 'utf16be-no-bom.csv',
    what: 'UTF-16 big-endian without a byte-order mark',
    expect: { accepted: { lines: 2, pence: 30_050, suppliers: ['Café Nero Ltd', 'Beta Ltd'] } },
  },
  {
    file: 'excel-unicode-text.txt',
    what: 'Excel\'s "Unicode Text": UTF-16 with a BOM, tab-separated',
    expect: { accepted: { lines: 2, pence: 129_999 } },
  },
  {
    file: 'invalid-utf8-byte.csv',
    what: 'one byte that is not UTF-8 and no UTF-8 characters: read as Windows-1252, as documented',
    expect: { accepted: { lines: 2, pence: 30_000, suppliers: ['Acme Ltd', 'CafÃ('] } },
  },
  {
    file: 'mixed-utf8-and-cp1252.csv',
    what: 'a UTF-8 line and a Windows-1252 line pasted together',
    expect: {
      rejected: {
        line: 3,
        says: /^mixed-utf8-and-cp1252\.csv mixes two text encodings.*line 2 has "é" in UTF-8, line 3 has "–" in Windows-1252.*save the whole file again as "CSV UTF-8"/,
      },
    },
  },
  {
    file: 'cp1252-pound-sign.csv',
    what: '£ and an en-dash in Windows-1252',
    expect: { accepted: { lines: 2, pence: 3_816_093, suppliers: ['Smith – Jones Ltd', 'Café Rouge'] } },
  },

  // Dates
  {
    file: 'mixed-date-orders.csv',
    what: 'day-first and month-first dates in one file',
    expect: {
      rejected: {
        line: 3,
        column: 'Date',
        value: '04/14/2024',
        says: /dates disagree on day\/month order.*re-export the file with one date format/,
      },
    },
  },
  {
    file: 'ambiguous-date-order.csv',
    what: 'no date with a part above 12',
    expect: {
      rejected: {
        line: 2,
        column: 'Date',
        value: '01/04/2024',
        says: /cannot be decided.*--date-order DMY on the command line, dateOrder in the pipeline's settings/,
      },
    },
  },
  {
    file: 'ambiguous-date-order.csv',
    what: 'the same, with the order given (--date-order DMY)',
    options: { dateOrder: 'DMY' },
    expect: { accepted: { lines: 3, pence: 60_000 } },
  },
  {
    file: 'year-1900.csv',
    what: 'every date in 1900',
    expect: {
      rejected: {
        line: 2,
        column: 'Date',
        value: '13/04/1900',
        says: /the year 1900 is outside 1990–2099.*Fix these lines/,
      },
    },
  },
  {
    file: 'dates-1900-and-2099.csv',
    what: 'one line dated 1900 and one dated 2099 among 42 (2099 used to become the report month)',
    expect: {
      accepted: {
        lines: 40,
        pence: 400_000,
        issues: [
          {
            line: 12,
            column: 'Date',
            value: '13/04/1900',
            says: /not a plausible payment date: the year 1900 is outside 1990–2099/,
          },
          {
            line: 22,
            column: 'Date',
            value: '13/04/2099',
            says: /"13\/04\/2099" is 75 years after every other payment in the file \(the latest in April 2024\).*correct the date and upload the file again/,
          },
        ],
      },
    },
  },
  {
    file: 'year-typo-next-year.csv',
    what: 'an April 2024 extract with one line dated April 2025',
    expect: {
      accepted: {
        lines: 40,
        pence: 400_000,
        issues: [
          {
            line: 27,
            column: 'Date',
            value: '14/04/2025',
            says: /is 12 months after every other payment in the file \(the latest in April 2024\)/,
          },
        ],
      },
    },
  },

  // Amounts
  {
    file: 'amount-scientific-1e9.csv',
    what: '1e9',
    expect: {
      rejected: {
        line: 2,
        column: 'Amount',
        value: '1e9',
        says: /scientific notation.*format the column as a number with 2 decimals.*Fix these lines/,
      },
    },
  },
  {
    file: 'amount-nan.csv',
    what: 'NaN',
    expect: {
      rejected: {
        line: 2,
        column: 'Amount',
        value: 'NaN',
        says: /"NaN" is not a money amount.*write it like 1,234\.56/,
      },
    },
  },
  {
    file: 'amount-bad-grouping.csv',
    what: '12,34.5',
    expect: {
      rejected: {
        line: 2,
        column: 'Amount',
        value: '12,34.5',
        says: /thousands separators must group three digits.*write it like 1,234\.56/,
      },
    },
  },
  {
    file: 'amount-20-digits.csv',
    what: '12345678901234567890',
    expect: {
      rejected: {
        line: 2,
        column: 'Amount',
        value: '12345678901234567890',
        says: /too large to be a payment.*Fix these lines/,
      },
    },
  },
  {
    file: 'accounting-formats.csv',
    what: 'brackets, £ with spaces, CR, Excel\'s "£ -" for zero, three decimals',
    expect: { accepted: { lines: 6, pence: 11_123_694 } },
  },

  // Headers and names
  {
    file: 'duplicate-header-names.csv',
    what: 'two columns headed Amount',
    expect: {
      rejected: {
        line: 1,
        column: 'Amount',
        value: 'Amount',
        says: /2 columns are headed "Amount" \(columns C and D\).*rename or delete all but one of them/,
      },
    },
  },
  {
    file: 'formula-in-supplier.csv',
    what: '=HYPERLINK(…), @SUM and +44 as supplier names: kept as text',
    expect: {
      accepted: {
        lines: 3,
        pence: 60_000,
        suppliers: ['=HYPERLINK("http://evil.example/x","Acme Ltd")', '@SUM(1+1)', '+44 Taxis'],
      },
    },
  },
  {
    file: 'unicode-supplier-names.csv',
    what: 'a right-to-left override, an emoji, a combining accent, full-width letters',
    expect: {
      accepted: {
        lines: 4,
        pence: 100_000,
        suppliers: ['Ac\u202eme Ltd', 'Kent 😀 Catering', 'Cafe\u0301 Rouge', 'Ｆｕｌｌｗｉｄｔｈ Ltd'],
      },
    },
  },

  // What real trusts produce
  {
    file: 'excel-european-semicolons.csv',
    what: 'Excel in a European locale: semicolons, 1.234,56, Windows-1252',
    expect: {
      rejected: {
        line: 2,
        column: 'Amount',
        value: '1.234,56',
        says: /European decimal comma; use a point before the pence.*Fix these lines/,
      },
    },
  },
  {
    file: 'excel-sep-line.csv',
    what: 'Excel\'s "sep=;" line above the header',
    expect: { accepted: { lines: 2, pence: 30_000 } },
  },
  {
    file: 'trailing-empty-columns.csv',
    what: 'empty columns after the last, and empty lines at the end',
    expect: { accepted: { lines: 2, pence: 30_000 } },
  },
  {
    file: 'totals-at-bottom.csv',
    what: 'Sub Total, Grand Total and Total rows under the lines (Total Gas & Power Ltd is a supplier)',
    expect: { accepted: { lines: 3, pence: 60_000 } },
  },
  {
    file: 'title-rows-and-footer-note.csv',
    what: 'titles above the header and a "Source:" note below the lines',
    expect: {
      accepted: {
        lines: 40,
        pence: 400_000,
        issues: [
          {
            line: 46,
            column: 'Date',
            value: 'Source: Oracle AP extract run 01/05/2024',
            says: /is not a date; write it like 31\/03\/2021/,
          },
          { line: 46, column: 'Amount', says: /the amount is empty: fill in the amount paid/ },
          { line: 46, column: 'Supplier', says: /the supplier is empty: fill in the payee's name/ },
        ],
      },
    },
  },
  {
    file: 'two-exports-concatenated.csv',
    what: 'two exports pasted one after the other, header repeated',
    expect: { accepted: { lines: 6, pence: 60_000 } },
  },
];

export type ReferenceOutcome =
  | { records: number; names?: string[]; issues: PinnedIssue[] }
  | { refused: RegExp };

export interface ReferenceCase {
  file: string;
  what: string;
  expect: ReferenceOutcome;
  heavy?: boolean;
}

const CANNOT_READ = 'The supplier reference cannot be read: ';

export const REFERENCE_CASES: readonly ReferenceCase[] = [
  {
    file: 'suppliers-duplicate-ids.csv',
    what: 'two supplier IDs used twice (one in another case)',
    expect: {
      records: 4,
      issues: [
        {
          line: 4,
          column: 'Supplier ID',
          value: 's001',
          says: /Supplier ID "s001" is also on line 2: give each supplier its own ID/,
        },
        {
          line: 5,
          column: 'Supplier ID',
          value: 'S002',
          says: /Supplier ID "S002" is also on line 3: give each supplier its own ID/,
        },
      ],
    },
  },
  {
    file: 'suppliers-contradictory-flags.csv',
    what: 'one company SME and not, one charity VCSE and not (same name, other case)',
    expect: {
      records: 6,
      issues: [
        {
          line: 3,
          column: 'SME',
          value: 'N',
          says: /SME is N here but Y on line 2 for the same supplier \(company number 01234567\).*make the two rows agree, or delete one/,
        },
        {
          line: 5,
          column: 'VCSE',
          value: 'N',
          says: /VCSE is N here but Y on line 4 for the same supplier \(the same name\).*make the two rows agree/,
        },
        { line: 7, column: 'Supplier ID', value: 'S005', says: /Supplier ID "S005" is also on line 6/ },
      ],
    },
  },
  {
    file: 'suppliers-bad-cells.csv',
    what: 'a company number, charity number, postcode (../../etc/passwd), head count and SME flag that are none',
    expect: {
      records: 2,
      issues: [
        {
          line: 2,
          column: 'Company Number',
          value: 'ABC',
          says: /is not a Companies House number: write its 8 characters/,
        },
        {
          line: 2,
          column: 'Charity Number',
          value: '12',
          says: /is not a registered charity number: write it like 1123456/,
        },
        {
          line: 2,
          column: 'Postcode',
          value: '../../etc/passwd',
          says: /is not a UK postcode: write it like ME14 1XX, or leave it blank/,
        },
        {
          line: 2,
          column: 'Employees',
          value: 'lots',
          says: /is not a number of staff: write a whole number/,
        },
        { line: 2, column: 'SME', value: 'maybe', says: /is not Y or N: write Y, N or leave it blank/ },
      ],
    },
  },
  {
    file: 'suppliers-formula-names.csv',
    what: 'formulas, a path and a right-to-left override as names: kept as text',
    expect: {
      records: 4,
      names: [
        '=HYPERLINK("http://evil.example","Acme")',
        '@SUM(A1:A9)',
        '../../../etc/passwd',
        'Ac\u202eme 😀 Ltd',
      ],
      issues: [],
    },
  },
  {
    file: 'suppliers-no-name-column.csv',
    what: 'no supplier name column',
    expect: {
      refused:
        /^suppliers-no-name-column\.csv has no "Supplier Name" column.*add a header row with a "Supplier Name" column/,
    },
  },
  {
    file: 'empty.csv',
    what: 'an empty file',
    expect: { refused: /^empty\.csv is empty: the supplier reference needs a header row/ },
  },
  {
    file: 'payments-report-pdf.xlsx',
    what: 'a PDF renamed .xlsx',
    expect: { refused: new RegExp(`^${CANNOT_READ}payments-report-pdf\\.xlsx is a PDF document`) },
  },
  {
    file: 'binary-junk.csv',
    what: 'random bytes',
    expect: { refused: new RegExp(`^${CANNOT_READ}binary-junk\\.csv has a NUL \\(zero\\) byte on line 1`) },
  },
  {
    file: 'corrupt-deflate.xlsx',
    what: 'a broken deflate stream',
    expect: {
      refused: new RegExp(`^${CANNOT_READ}corrupt-deflate\\.xlsx .*could not be opened as an Excel workbook`),
    },
  },
  {
    file: 'merged-whole-sheet.xlsx',
    what: 'a merged range over the whole sheet (loading it whole ran out of memory)',
    expect: {
      refused: new RegExp(`^${CANNOT_READ}merged-whole-sheet\\.xlsx merges more than 1,048,576 cells`),
    },
  },
  {
    file: 'row-beyond-excel.xlsx',
    what: 'a row numbered 2,000,000,000',
    expect: {
      refused: new RegExp(`^${CANNOT_READ}row-beyond-excel\\.xlsx has a row numbered 2,000,000,000`),
    },
  },
  {
    file: 'zip-bomb-lying-sizes.xlsx',
    what: 'a zip bomb claiming its sheet is 1 KB',
    heavy: true,
    expect: {
      refused: new RegExp(`^${CANNOT_READ}zip-bomb-lying-sizes\\.xlsx inflates to more than 512 MB`),
    },
  },
];
