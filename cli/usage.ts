export const USAGE = `socval — spend with local suppliers, SMEs and VCSE organisations, per UK financial year

Usage:
  socval report --ledger <file|folder>... --suppliers <file> --out <folder> [options]
  socval demo [--ledger <file|folder>... --suppliers <file>] [--out <folder>] [--serve]
  socval sample [--out <folder>]
  socval --help

report
  Reads monthly accounts-payable extracts (CSV or XLSX, as the ledger exports them),
  matches and classifies every supplier, and writes:
    <out>/social-value-YYYY-MM.xlsx   the workbook: Summary, Monthly, Suppliers, Data quality
                                      (rejected files and lines too), FOI answers, Method, Files
    <out>/summary.json                the figures as JSON (schemaVersion 2)
    <out>/share-of-spend.png          the chart of shares by financial year (as in the email)
    <out>/register-extract.json       with --registers: the register rows used (give it next time)
  Every file is accounted for: accepted with its line count and total, or rejected
  with the reason, line and column. When two versions of one extract are for the
  same month, the later one replaces that month (files in name order, however given).

  --ledger <path>...     Extracts, or folders of them (.csv, .xlsx; repeatable; --ledger *.csv works)
                         (a file also given as --suppliers, --postcodes or --registers is left out)
  --keep-order           Read the --ledger files in the order given, not in name order: a re-run
                         from the archive gives them in the order its report manifest lists
  --suppliers <file>     The trust's supplier reference (CSV or XLSX)
  --out <folder>         Where to write the workbook and summary.json
  --postcodes <file>     ONS postcode lookup (NSPL/ONSPD CSV) to decide straddling districts
  --registers <path>     Open registers to classify from: a folder of the unzipped downloads
                         (Companies House BasicCompanyData…csv, Charity Commission
                         publicextract.charity.txt, OSCR CharityExport…csv, FCA SocietyList.csv;
                         each told by its header), or a register-extract.json from an earlier run
  --cooperatives-are-vcse  Count co-operative societies on the FCA register as VCSE (default: not)
  --month <YYYY-MM>      Report month (default: the latest month a file is for: the month its
                         name names, else the month of its latest line)
  --from-fy <YYYY/YY>    First financial year to report (default 2022/23)
  --sme <definition>     procurement-act-2023 (default) or eu-2003-361
  --eur-gbp <rate>       GBP per EUR for the EU SME thresholds (default 0.85)
  --max-bad-share <0-1>  Reject a file when more than this share of lines is bad (default 0.05)
  --date-order <DMY|MDY> Read ambiguous numeric dates this way instead of rejecting the file
  --trust <name>         Trust name for the workbook title
  --brand-colour <#hex>  The trust's colour for headings (default #005EB8, NHS Blue)
  --chart-colours <list> Chart colours for local, SME, VCSE (default #005EB8,#FFB81C,#330072)
  --json                 Print summary.json to standard output instead of the text summary

demo
  The whole pipeline on this machine: starts local S3 and SES servers, uploads the
  extracts to incoming/ and the supplier reference to reference/, lets the S3
  notifications drive the real ingest handler, runs the real report handler for the
  latest month and reads the email back from the SES server. Leaves in <out>:
  email.eml (as sent), the workbook, summary.json and archive/ (the archive bucket).
  Without --ledger it runs on the synthetic sample trust (this is what npm start does).
  --out <folder>         Where to leave everything (default: ./socval-demo; replaced)
  --serve                Keep both servers running afterwards and print their addresses

sample
  Generates a realistic synthetic trust (four years of monthly extracts in varied
  real-world layouts and a supplier reference) and runs the report on it.
  --out <folder>         Where to write it (default: ./sample-trust)

Exit status: 0 every file accepted; 1 some file rejected (outputs still written from
the rest); 2 usage error or nothing could be reported.

Example:
  npx socval report --ledger ./extracts --suppliers ./suppliers.csv --out ./out
`;
