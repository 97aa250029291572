/**
 * `practice build --in FILE_OR_DIR... --out WORKBOOK.xlsx [--workbook kpi]`: imports every file,
 * assembles one dataset, aggregates it, builds the KPI workbook plan and renders it with render/xlsx.
 * Also exports the import step the `kpi` and `demo` commands share.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { importSource, importSources, isUnreadable } from '../../connectors/index';
import { detect } from '../../connectors/detect';
import { readHead } from '../../connectors/source';
import { createAggregator, createDenialKeeper } from '../../core/aggregate/stream';
import { aggregate } from '../../core/aggregate';
import type { Aggregates } from '../../core/aggregate/types';
import { assembleDataset, type Dataset } from '../../core/dataset';
import { issue } from '../../core/issues';
import { buildKpiWorkbook } from '../../core/plan/kpi-workbook';
import type { ImportResult } from '../../core/source';
import { renderXlsx } from '../../render/xlsx';
import { sourceFromPath } from '../files';
import { EXIT, type CliIo } from '../io';
import { buildBudgetFile, buildVarianceFile, importLedgerFiles } from './ledger-build';
import { buildContractsFile } from './contracts-build';

const usage = `Usage: practice build --in FILE_OR_DIR... --out WORKBOOK.xlsx [--workbook kpi|contracts|budget|variance] [--gl FILE...] [--actuals FILE...] [--name PRACTICE] [--month YYYY-MM] [--engine js|duckdb]

Imports every file (a directory: every file directly in it), builds the workbook and writes it.
Budget and variance also read general-ledger exports (GL detail or P&L by month, CSV or XLSX):
  --gl        the prior year's GL files (budget, variance): drivers, fixed costs and seasonality
  --actuals   the budget year's GL files (variance)
  Rebuilding over an existing budget or variance workbook keeps what you typed into it.
  --in        export files or folders (835, 837P, CSV/TSV, FHIR …); repeat or list several
  --out       the .xlsx to write
  --workbook  which workbook to build (kpi; contracts: fee schedules, CMS PFS files and 835s)
  --name      the practice name shown in titles (default: Practice)
  --month     the report month (default: the last month complete in the data)
  --engine    what aggregates the KPI workbook's tables: js (default), or duckdb, which loads the
              imported records into embedded DuckDB and computes the same tables in SQL`;

/** A file on disk as a SourceFile (cli/files.ts is the one way; this name is kept for the commands that import it). */
export const nodeSourceFile = sourceFromPath;

export interface LoadedInputs {
  readonly dataset: Dataset;
  /**
   * Set when the records were aggregated as they streamed (large inputs): the KPI tables, and the
   * dataset then holds no charge, transaction or appointment lists.
   */
  readonly aggregates?: Aggregates | undefined;
  readonly results: readonly ImportResult[];
  /** Files named explicitly that could not be read at all (the command exits 2). */
  readonly unreadable: readonly string[];
  readonly milliseconds: number;
}

/** The files an argument stands for: the file itself, or the files directly inside a folder (sorted; hidden files and READMEs left out). */
export function filesOf(path: string): { files: string[]; fromFolder: boolean } {
  if (statSync(path).isDirectory()) {
    const files = readdirSync(path)
      .filter((name) => !name.startsWith('.') && !/^readme/i.test(name) && statSync(join(path, name)).isFile())
      .sort()
      .map((name) => join(path, name));
    return { files, fromFolder: true };
  }
  return { files: [path], fromFolder: false };
}

/**
 * Imports every input into one dataset. A file inside a folder that is not an export (a README)
 * is noted in the import log and skipped; a file named explicitly that cannot be read is an error.
 */
export async function loadInputs(inputs: readonly string[], cwd: string, options: LoadOptions = {}): Promise<LoadedInputs> {
  const started = Date.now();
  const files = inputs.flatMap((input) => {
    const { files: paths, fromFolder } = filesOf(resolve(cwd, input));
    return paths.map((path) => ({ path, fromFolder }));
  });
  const bytes = files.reduce((n, f) => n + statSync(f.path).size, 0);
  if (options.aggregateAbove !== undefined && bytes > options.aggregateAbove && !(await anyFhir(files.map((f) => f.path)))) {
    const streamed = await streamInputs(files, options.reportMonth);
    return { ...streamed, milliseconds: Date.now() - started };
  }
  // All files of the build at once: FHIR files resolve references across each other (importSources).
  const imported = await importSources(files.map((f) => nodeSourceFile(f.path)));
  const results: ImportResult[] = [];
  const unreadable: string[] = [];
  imported.forEach((result, i) => {
    const { path, fromFolder } = files[i] as { path: string; fromFolder: boolean };
    if (isUnreadable(result)) {
      if (!fromFolder) unreadable.push(path);
      results.push({
        ...result,
        issues: fromFolder ? result.issues.map((x) => issue(x.code, 'info', `skipped: ${x.message}`, x.location)) : result.issues,
      });
      return;
    }
    results.push(result);
  });
  return { dataset: assembleDataset(results), results, unreadable, milliseconds: Date.now() - started };
}

export interface LoadOptions {
  /**
   * Inputs larger than this many bytes in all are aggregated to the KPI tables as their records
   * stream (core/aggregate/stream.ts: same tables, memory bounded by the cells and claims, not
   * the rows). FHIR files resolve references across files, so a build with any keeps its records.
   */
  readonly aggregateAbove?: number | undefined;
  readonly reportMonth?: string | undefined;
}

/** Total input size above which `practice build` aggregates while it reads. */
export const AGGREGATE_WHILE_READING_ABOVE = 64 * 1024 * 1024;

async function anyFhir(paths: readonly string[]): Promise<boolean> {
  for (const path of paths) {
    const source = nodeSourceFile(path);
    let format: string;
    try {
      format = detect(await readHead(source), source.name).format;
    } catch {
      continue;
    }
    if (format.startsWith('fhir')) return true;
  }
  return false;
}

async function streamInputs(files: readonly { path: string; fromFolder: boolean }[], reportMonth: string | undefined): Promise<Omit<LoadedInputs, 'milliseconds'>> {
  const aggregator = createAggregator();
  const results: ImportResult[] = [];
  const unreadable: string[] = [];
  for (const { path, fromFolder } of files) {
    const source = nodeSourceFile(path);
    const result = await importSource(source, { onRecords: aggregator.sink(source.name) });
    if (isUnreadable(result)) {
      if (!fromFolder) unreadable.push(path);
      const skipped = { ...result, issues: fromFolder ? result.issues.map((x) => issue(x.code, 'info', `skipped: ${x.message}`, x.location)) : result.issues };
      results.push(skipped);
      aggregator.addResult(skipped);
      continue;
    }
    results.push(result);
    aggregator.addResult(result);
  }
  const finished = aggregator.finish({ reportMonth });
  let dataset = finished.dataset;
  // The Denials sheet (without remittances) reads the records of claims with denial postings: a second pass keeps just those.
  if (dataset.remitClaims.length === 0 && finished.claimsWithDenialPostings.size > 0) {
    const keeper = createDenialKeeper(finished.claimsWithDenialPostings);
    for (const [i, { path }] of files.entries()) {
      const types = results[i]?.summary?.recordsByType ?? {};
      if ((types.charge ?? 0) + (types.payment ?? 0) + (types.adjustment ?? 0) + (types.transfer ?? 0) === 0) continue;
      await importSource(nodeSourceFile(path), { onRecords: keeper.sink });
    }
    dataset = keeper.into(dataset);
  }
  return { dataset, aggregates: finished.aggregates, results, unreadable };
}

interface BuildArgs {
  inputs: string[];
  gl: string[];
  actuals: string[];
  out: string;
  workbook: string;
  name: string | undefined;
  month: string | undefined;
  engine: Engine;
}

/** Which engine aggregates the KPI tables: the JavaScript aggregation, or the same aggregation as SQL in embedded DuckDB. */
export type Engine = 'js' | 'duckdb';

function parseArgs(argv: readonly string[]): BuildArgs | string {
  const inputs: string[] = [];
  const gl: string[] = [];
  const actuals: string[] = [];
  let list = inputs;
  let out: string | undefined;
  let workbook = 'kpi';
  let name: string | undefined;
  let month: string | undefined;
  let engine = 'js';
  let collecting = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value = () => argv[++i];
    if (arg === '--in' || arg === '--gl' || arg === '--actuals') {
      collecting = true;
      list = arg === '--in' ? inputs : arg === '--gl' ? gl : actuals;
    }
    else if (arg === '--out') {
      out = value();
      collecting = false;
    } else if (arg === '--workbook') {
      workbook = value() ?? '';
      collecting = false;
    } else if (arg === '--name') {
      name = value();
      collecting = false;
    } else if (arg === '--month') {
      month = value();
      collecting = false;
    } else if (arg === '--engine') {
      engine = value() ?? '';
      collecting = false;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else if (collecting) list.push(arg);
    else return `unexpected argument ${arg} (inputs follow --in)`;
  }
  if (inputs.length === 0) return '--in FILE_OR_DIR is required';
  if (out === undefined || out === '') return '--out WORKBOOK.xlsx is required';
  if (!['kpi', 'contracts', 'budget', 'variance'].includes(workbook)) return `--workbook ${workbook} is not built by this command yet (kpi, contracts, budget, variance)`;
  if ((workbook === 'budget' || workbook === 'variance') && gl.length === 0) return `--workbook ${workbook} needs the prior year's general ledger: --gl FILE`;
  if (workbook === 'variance' && actuals.length === 0) return "--workbook variance needs the budget year's general ledger: --actuals FILE";
  if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return `--month must be YYYY-MM: ${month}`;
  if (engine !== 'js' && engine !== 'duckdb') return `--engine must be js or duckdb: ${engine}`;
  if (engine === 'duckdb' && workbook !== 'kpi') return `--engine duckdb aggregates the kpi workbook only, not ${workbook}`;
  return { inputs, gl, actuals, out, workbook, name, month, engine };
}

/** Builds and writes the KPI workbook; returns what the summary prints. */
export async function buildKpiFile(
  loaded: LoadedInputs,
  outPath: string,
  options: { name?: string | undefined; month?: string | undefined; engine?: Engine | undefined },
): Promise<{ aggregates: Aggregates; bytes: number; timings: Record<string, number> }> {
  const t0 = Date.now();
  const aggregates = loaded.aggregates ?? (options.engine === 'duckdb' ? await duckdbAggregates(loaded.dataset, options.month) : aggregate(loaded.dataset, { reportMonth: options.month }));
  const t1 = Date.now();
  const plan = buildKpiWorkbook(loaded.dataset, { practiceName: options.name, generatedBy: 'Practice Workbench (practice build)' }, aggregates);
  const t2 = Date.now();
  const bytes = await renderXlsx(plan);
  const t3 = Date.now();
  await mkdir(dirname(outPath), { recursive: true });
  await writeFile(outPath, bytes);
  return { aggregates, bytes: bytes.byteLength, timings: { import: loaded.milliseconds, aggregate: t1 - t0, plan: t2 - t1, render: t3 - t2 } };
}

/** The KPI tables computed by embedded DuckDB, loaded only when asked for (its native library is large). */
async function duckdbAggregates(dataset: Dataset, month: string | undefined): Promise<Aggregates> {
  const { duckdbAggregate } = await import('../engine/duckdb');
  return duckdbAggregate(dataset, { reportMonth: month });
}

export function summary(loaded: LoadedInputs, aggregates: Aggregates, outPath: string, bytes: number, timings: Record<string, number>): string {
  const rows = loaded.results.reduce((n, r) => n + r.rowsRead, 0);
  const imported = loaded.results.reduce((n, r) => n + r.recordsImported, 0);
  const rejected = loaded.results.reduce((n, r) => n + r.rowsRejected, 0);
  const errors = loaded.dataset.issues.filter((i) => i.severity === 'error').length;
  return [
    `Read ${loaded.results.length} file(s): ${rows} rows, ${imported} records imported, ${rejected} rows rejected, ${loaded.dataset.issues.length} issue(s) (${errors} errors)`,
    `Report month ${aggregates.lastClosedMonth ?? 'none'}; data through ${aggregates.asOfDate ?? 'none'}`,
    `Data rows: facts ${aggregates.facts.length}, A/R aging ${aggregates.aging.length}, distinct counts ${aggregates.distinct.length}`,
    `Wrote ${outPath} (${Math.round(bytes / 1024)} KB) in ${Object.entries(timings)
      .map(([k, v]) => `${k} ${v} ms`)
      .join(', ')}`,
  ].join('\n');
}

// Typed by its registration in index.ts (importing the Command type from there would be an import cycle).
export const command = {
  summary: 'import exports and build a workbook (.xlsx): kpi, contracts, budget or variance',
  usage,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv);
    if (typeof args === 'string') {
      io.err(`practice build: ${args}\n\n${usage}`);
      return EXIT.usage;
    }
    for (const input of [...args.inputs, ...args.gl, ...args.actuals]) {
      if (!existsSync(resolve(io.cwd, input))) {
        io.err(`practice build: ${input} does not exist`);
        return EXIT.unreadable;
      }
    }
    // DuckDB aggregates the assembled dataset's records (it holds them, instead of aggregating while reading).
    const streamed = args.workbook === 'kpi' && args.engine === 'js';
    const loaded = await loadInputs(args.inputs, io.cwd, streamed ? { aggregateAbove: AGGREGATE_WHILE_READING_ABOVE, reportMonth: args.month } : {});
    const outPath = resolve(io.cwd, args.out);
    if (args.workbook === 'budget' || args.workbook === 'variance') {
      const glFiles = (paths: readonly string[]) => importLedgerFiles(paths.flatMap((p) => filesOf(resolve(io.cwd, p)).files).map(nodeSourceFile));
      const ledger = { dataset: loaded.dataset, priorYear: await glFiles(args.gl), name: args.name ?? 'Practice' };
      const outcome = args.workbook === 'budget' ? await buildBudgetFile(ledger, outPath) : await buildVarianceFile(ledger, await glFiles(args.actuals), outPath);
      if (outcome.written) io.out(outcome.message);
      else io.err(`practice build: ${outcome.message}`);
      return outcome.written ? EXIT.ok : EXIT.unreadable;
    }
    if (args.workbook === 'contracts') io.out(await buildContractsFile(loaded.dataset, outPath, { practiceName: args.name }));
    else {
      const built = await buildKpiFile(loaded, outPath, { name: args.name, month: args.month, engine: args.engine });
      io.out(summary(loaded, built.aggregates, args.out, built.bytes, built.timings));
    }
    if (loaded.unreadable.length > 0) {
      io.err(`practice build: could not read ${loaded.unreadable.map((f) => basename(f)).join(', ')} (see the Import log sheet)`);
      return EXIT.unreadable;
    }
    return EXIT.ok;
  },
};
