import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { describeSettingsError, SettingsSchema } from '../shared/config/settings.ts';
import { describeLeftOut, describeReadOnce } from './collect-inputs.ts';
import { formatTextSummary } from './format-text-summary.ts';
import { runDemo } from './run-demo.ts';
import { runReport } from './run-report.ts';
import { runSample } from './run-sample.ts';
import { USAGE } from './usage.ts';
import { UsageError } from './usage-error.ts';

const FLAG_NAMES: Record<string, string> = {
  smeDefinition: '--sme',
  eurToGbp: '--eur-gbp',
  firstFinancialYear: '--from-fy',
  reportMonth: '--month',
  maxBadShare: '--max-bad-share',
  dateOrder: '--date-order',
  trustName: '--trust',
  brandColour: '--brand-colour',
  chartColours: '--chart-colours',
  cooperativesAreVcse: '--cooperatives-are-vcse',
};

function parseCommandLine(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    tokens: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      ledger: { type: 'string', multiple: true },
      'keep-order': { type: 'boolean' },
      suppliers: { type: 'string' },
      postcodes: { type: 'string' },
      registers: { type: 'string', multiple: true },
      'cooperatives-are-vcse': { type: 'boolean' },
      out: { type: 'string' },
      month: { type: 'string' },
      'from-fy': { type: 'string' },
      sme: { type: 'string' },
      'eur-gbp': { type: 'string' },
      'max-bad-share': { type: 'string' },
      'date-order': { type: 'string' },
      trust: { type: 'string' },
      'brand-colour': { type: 'string' },
      'chart-colours': { type: 'string' },
      json: { type: 'boolean' },
      serve: { type: 'boolean' },
    },
  });
}

function settingsFrom(values: ReturnType<typeof parseCommandLine>['values']) {
  const parsed = SettingsSchema.safeParse({
    trustName: values.trust,
    smeDefinition: values.sme,
    eurToGbp: values['eur-gbp'],
    firstFinancialYear: values['from-fy'],
    reportMonth: values.month,
    maxBadShare: values['max-bad-share'],
    dateOrder: values['date-order']?.toUpperCase(),
    brandColour: values['brand-colour'],
    chartColours: values['chart-colours'],
    cooperativesAreVcse: values['cooperatives-are-vcse'],
  });
  if (!parsed.success) throw new UsageError(describeSettingsError(parsed.error, (p) => FLAG_NAMES[p] ?? p));
  return parsed.data;
}

type Tokens = NonNullable<ReturnType<typeof parseCommandLine>['tokens']>;

/**
 * `--ledger` and `--registers` with every file the shell gave after them: `--ledger extracts/*.csv` or
 * `--registers BasicCompanyData-*.csv` arrive as one value and the rest as arguments of their own. An
 * argument after any other option, or before all options but the command, is a mistake.
 */
function takeFileLists(
  tokens: Tokens,
  values: ReturnType<typeof parseCommandLine>['values'],
): { ledger: string[] | undefined; registers: string[] | undefined } {
  const lists = { ledger: [...(values.ledger ?? [])], registers: [...(values.registers ?? [])] };
  let after: string | undefined;
  let commandSeen = false;
  for (const token of tokens) {
    if (token.kind === 'option') after = token.name;
    else if (token.kind === 'option-terminator') after = undefined;
    else if (!commandSeen) commandSeen = true;
    else if (after === 'ledger' || after === 'registers') lists[after].push(token.value);
    else {
      throw new UsageError(
        `unexpected argument "${token.value}": files go right after --ledger or --registers (--ledger a.csv b.csv, or a folder)`,
      );
    }
  }
  return {
    ledger: lists.ledger.length > 0 ? lists.ledger : undefined,
    registers: lists.registers.length > 0 ? lists.registers : undefined,
  };
}

/** Runs the socval command line; resolves to the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const { values, positionals, tokens } = parseCommandLine(argv);
    const [command] = positionals;
    if (values.help || command === undefined || command === 'help') {
      process.stdout.write(USAGE);
      return command === undefined && !values.help ? 2 : 0;
    }
    const { ledger, registers } = takeFileLists(tokens, values);
    const settings = settingsFrom(values);
    if (command === 'demo') {
      return await runDemo(
        {
          out: values.out ?? 'socval-demo',
          ledger,
          suppliers: values.suppliers,
          serve: values.serve === true,
        },
        settings,
      );
    }
    if (command === 'sample') {
      return await runSample(values.out ?? 'sample-trust', settings);
    }
    if (command !== 'report') throw new UsageError(`unknown command "${command}"`);
    if (ledger === undefined || ledger.length === 0)
      throw new UsageError('--ledger is required: an extract, or a folder of them');
    if (!values.out)
      throw new UsageError('--out is required: the folder to write the workbook and summary.json to');
    const run = await runReport(
      {
        ledger,
        keepOrder: values['keep-order'] === true,
        suppliers: values.suppliers,
        postcodes: values.postcodes,
        registers,
        out: values.out,
      },
      settings,
    );
    for (const note of run.registerNotes) process.stderr.write(`${note}\n`);
    if (values.json) process.stdout.write(`${JSON.stringify(run.summary, null, 2)}\n`);
    else process.stdout.write(`${formatTextSummary(run.report, run.written)}\n`);
    for (const path of run.ignored) process.stderr.write(`Ignored ${path}: not a .csv or .xlsx file\n`);
    if (run.leftOut.length > 0) process.stderr.write(`${describeLeftOut(run.leftOut)}\n`);
    for (const copy of run.readOnce) process.stderr.write(`${describeReadOnce(copy)}\n`);
    if (!values.suppliers) {
      process.stderr.write(
        values.registers?.length
          ? 'No --suppliers given: sizes and VCSE status come from what the ledger shows and the registers.\n'
          : 'No --suppliers given: sizes and VCSE status come only from what the ledger shows.\n',
      );
    }
    return run.report.files.some((a) => a.file.status === 'rejected') ? 1 : 0;
  } catch (error) {
    return reportFailure(error);
  }
}

const DOMAIN_ERRORS = new Set([
  'UsageError',
  'PeriodError',
  'SupplierReferenceError',
  'TableFormatError',
  'PostcodeLookupError',
  'NothingToReportError',
  'ClassificationConfigError',
  'RegisterFormatError',
  'RegisterExtractError',
]);

function reportFailure(error: unknown): number {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (error instanceof Error && (DOMAIN_ERRORS.has(error.name) || code.startsWith('ERR_PARSE_ARGS'))) {
    process.stderr.write(`socval: ${error.message}\n`);
    if (error instanceof UsageError || code.startsWith('ERR_PARSE_ARGS'))
      process.stderr.write('Run "socval --help" for usage.\n');
    return 2;
  }
  process.stderr.write('socval: unexpected failure; please report it with the command you ran.\n');
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
