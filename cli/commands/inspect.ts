/**
 * `practice inspect FILE_OR_DIR... [--profile P] [--json] [--save-profile OUT.json]`: what each file
 * is, which profile read it, how many rows became records, the issues, and the file's totals.
 * Exit 0 when every file was read (issues are data), 2 when a file could not be read at all.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { importSources, isUnreadable, type ImportOptions } from '../../connectors/index';
import { genericProfile, profileForFile, resolveProfile } from '../../connectors/profiles';
import type { Issue } from '../../core/issues';
import { formatCents } from '../../core/money';
import { summarize, type ImportResult, type SourceSummary } from '../../core/source';
import { expandInputs, sourceFromPath } from '../files';
import { EXIT, type CliIo } from '../io';

const usage = `Usage: practice inspect FILE_OR_DIR... [--profile ID|PROFILE.json] [--json] [--save-profile OUT.json]

Reads each export (CSV/TSV, XLSX, X12 835/837P, FHIR; a folder: every file in it) and prints its
format, the mapping profile that read it, rows read, imported and rejected, the issues, and totals.
  --profile        a built-in profile id or a profile JSON file, instead of recognising the layout
  --json           one JSON object on stdout: { "files": [ ... ] }
  --save-profile   write the mapping used for the (first) tabular file as an editable profile JSON
Exit status: 0 every file was read (issues are data), 1 usage error, 2 a file could not be read.`;

interface Args {
  readonly inputs: readonly string[];
  readonly profile?: string | undefined;
  readonly json: boolean;
  readonly saveProfile?: string | undefined;
}

function parseArgs(argv: readonly string[]): Args | string {
  const inputs: string[] = [];
  let profile: string | undefined;
  let saveProfile: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--profile' || arg === '--save-profile') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) return `${arg} needs a value`;
      if (arg === '--profile') profile = value;
      else saveProfile = value;
    } else if (arg.startsWith('--profile=')) profile = arg.slice('--profile='.length);
    else if (arg.startsWith('--save-profile=')) saveProfile = arg.slice('--save-profile='.length);
    else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else inputs.push(arg);
  }
  if (inputs.length === 0) return 'name at least one file or folder';
  return { inputs, profile, json, saveProfile };
}

/** `--profile` as an id or a JSON file; a string is a usage error. */
function profileOption(value: string | undefined, cwd: string): ImportOptions['profile'] | { error: string } {
  if (value === undefined) return undefined;
  if (!/\.json$/i.test(value)) return value;
  try {
    return JSON.parse(readFileSync(resolve(cwd, value), 'utf8')) as Record<string, unknown>;
  } catch (e) {
    return { error: `cannot read the profile ${value}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

interface FileReport {
  readonly file: string;
  readonly format: string;
  readonly profile: string | null;
  readonly rowsRead: number;
  readonly recordsImported: number;
  readonly rowsRejected: number;
  readonly issues: readonly Issue[];
  readonly summary: SourceSummary;
  readonly mapping?: ImportResult['mapping'];
}

function report(shown: string, result: ImportResult): FileReport {
  return {
    file: shown,
    format: result.format,
    profile: result.profile ?? null,
    rowsRead: result.rowsRead,
    recordsImported: result.recordsImported,
    rowsRejected: result.rowsRejected,
    issues: result.issues,
    summary: summarize(result),
    // The column mapping only where the layout was not (fully) understood: what the user must map.
    ...(result.mapping !== undefined && (result.mapping.missingRequired.length > 0 || (result.rowsRead > 0 && result.recordsImported === 0))
      ? { mapping: result.mapping }
      : {}),
  };
}

const MAX_ISSUES_SHOWN = 10;

function human(r: FileReport): string {
  const s = r.summary;
  const byType = Object.entries(s.recordsByType)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  const lines = [
    r.file,
    `  format    ${r.format}${r.profile === null ? '' : `   profile ${r.profile}`}`,
    `  rows      ${r.rowsRead} read, ${r.recordsImported} imported, ${r.rowsRejected} rejected`,
    `  records   ${byType === '' ? 'none' : byType}`,
    `  totals    charges ${formatCents(s.chargeCents)}   payments ${formatCents(s.paymentCents)}   adjustments ${formatCents(s.adjustmentCents)}   (as the export states them)`,
    `  dates     ${s.firstDate ?? '-'} to ${s.lastDate ?? '-'}`,
  ];
  if (r.mapping !== undefined) {
    lines.push(`  columns   found: ${r.mapping.headers.join(', ')}`);
    if (r.mapping.missingRequired.length > 0) lines.push(`  missing   ${r.mapping.missingRequired.join(', ')}`);
  }
  if (r.issues.length > 0) {
    lines.push(`  issues    ${r.issues.length}`);
    for (const i of r.issues.slice(0, MAX_ISSUES_SHOWN)) {
      const where = [i.location.sheet, i.location.line === undefined ? undefined : `line ${i.location.line}`, i.location.segment === undefined ? undefined : `segment ${i.location.segment}`, i.location.column]
        .filter((x) => x !== undefined)
        .join(', ');
      lines.push(`    ${i.severity.padEnd(7)} ${i.code}${where === '' ? '' : ` (${where})`}: ${i.message}`);
    }
    if (r.issues.length > MAX_ISSUES_SHOWN) lines.push(`    … ${r.issues.length - MAX_ISSUES_SHOWN} more (use --json for all)`);
  }
  return lines.join('\n');
}

// Typed by its registration in index.ts (importing the Command type from there would be an import cycle).
export const command = {
  summary: 'show what each export file is, how it maps, and its totals',
  usage,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv);
    if (typeof args === 'string') {
      io.err(`practice inspect: ${args}\n\n${usage}`);
      return EXIT.usage;
    }
    const profile = profileOption(args.profile, io.cwd);
    if (typeof profile === 'object' && profile !== null && 'error' in profile && typeof profile.error === 'string') {
      io.err(`practice inspect: ${profile.error}`);
      return EXIT.usage;
    }
    const options: ImportOptions = { profile: profile as ImportOptions['profile'] };
    const checked = resolveProfile(options.profile);
    if (!checked.ok) {
      io.err(`practice inspect: ${checked.error}`);
      return EXIT.usage;
    }

    const reports: FileReport[] = [];
    const results: ImportResult[] = [];
    let exit: number = EXIT.ok;
    const inputs = expandInputs(args.inputs, io.cwd);
    // All readable files at once: FHIR files resolve references across each other (importSources).
    const readable = inputs.filter((input) => input.problem === undefined);
    const failed = (shown: string, message: string): ImportResult => ({
      file: shown,
      format: 'unknown',
      rowsRead: 0,
      recordsImported: 0,
      rowsRejected: 0,
      records: [],
      issues: [{ code: 'file-unreadable', severity: 'error', message, location: { file: shown } }],
    });
    let imported: readonly ImportResult[];
    try {
      imported = await importSources(readable.map((input) => sourceFromPath(input.path)), options);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      imported = readable.map((input) => failed(input.shown, message));
    }
    const byInput = new Map(readable.map((input, i) => [input, imported[i]]));
    for (const input of inputs) {
      const result = byInput.get(input) ?? failed(input.shown, input.problem ?? 'could not be read');
      if (input.problem !== undefined || isUnreadable(result)) {
        exit = EXIT.unreadable;
        const reason = result.issues.find((i) => i.code === 'file-unreadable')?.message ?? 'could not be read';
        io.err(`practice inspect: ${input.shown}: ${reason}`);
      }
      results.push(result);
      reports.push(report(input.shown, result));
    }

    if (args.saveProfile !== undefined) {
      const saved = saveProfile(args.saveProfile, reports, results, checked.profile, io);
      if (saved !== EXIT.ok && exit === EXIT.ok) exit = saved;
    }

    if (args.json) io.out(JSON.stringify({ files: reports }, null, 2));
    else io.out(reports.map(human).join('\n\n'));
    return exit;
  },
};

/** Writes the mapping of the first tabular file as a profile the user can edit and pass back. */
function saveProfile(
  out: string,
  reports: readonly FileReport[],
  results: readonly ImportResult[],
  forced: Parameters<typeof profileForFile>[0] | undefined,
  io: CliIo,
): number {
  const index = results.findIndex((r) => r.mapping !== undefined);
  const result = results[index];
  const mapping = result?.mapping;
  if (result === undefined || mapping === undefined) {
    io.err('practice inspect: --save-profile needs a CSV, TSV or XLSX file among the inputs');
    return EXIT.usage;
  }
  const usedId = result.profile?.split(', ')[0];
  const used = forced ?? (usedId === undefined ? undefined : (() => {
    const r = resolveProfile(usedId);
    return r.ok ? r.profile : undefined;
  })()) ?? genericProfile;
  if (used === undefined) {
    io.err('practice inspect: no profile to save');
    return EXIT.usage;
  }
  const profile = profileForFile(used, mapping.headers, result.file);
  writeFileSync(resolve(io.cwd, out), JSON.stringify(profile, null, 2) + '\n');
  io.err(`practice inspect: wrote profile "${profile.id}" for ${reports[index]?.file} to ${out}`);
  return EXIT.ok;
}
