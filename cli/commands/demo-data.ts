/** `practice demo-data`: writes a fictional practice's exports (seeded, deterministic). */
import { resolve } from 'node:path';
import { DEMO_DEFAULTS, generateDemo } from '../demo/generate';
import { writeDemo } from '../demo/write-csv';
import { EXIT, type CliIo } from '../io';

const usage = `Usage: practice demo-data --out DIR [--seed N] [--months N] [--providers N] [--end-month YYYY-MM]

Writes a realistic, entirely fictional practice's exports into DIR: charges, transactions,
appointments, encounters and lookups in the canonical CSV layout, and the same charges as a
PM report in DIR/pm-report/. The same seed always gives byte-identical files.
  --seed N            random seed (default ${DEMO_DEFAULTS.seed})
  --months N          months of history, 1-120 (default ${DEMO_DEFAULTS.months})
  --providers N       providers, 8-15 (default ${DEMO_DEFAULTS.providers})
  --end-month YYYY-MM last closed month; the export is as of its last day (default ${DEMO_DEFAULTS.endMonth})`;

interface Parsed {
  out: string;
  seed: number;
  months: number;
  providers: number;
  endMonth: string;
}

/** Reads the options; returns an error sentence for anything it cannot use. */
export function parseDemoArgs(argv: readonly string[]): Parsed | string {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (!['--out', '--seed', '--months', '--providers', '--end-month'].includes(name)) return `unknown option ${arg}`;
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') return `${name} needs a value`;
    values[name] = value;
  }
  const out = values['--out'];
  if (out === undefined) return '--out DIR is required';
  const int = (name: string, fallback: number, min: number, max: number): number | string => {
    const text = values[name];
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) return `${name} must be a whole number from ${min} to ${max}: ${text}`;
    return Number(text);
  };
  const seed = int('--seed', DEMO_DEFAULTS.seed, 0, 4_294_967_295);
  const months = int('--months', DEMO_DEFAULTS.months, 1, 120);
  const providers = int('--providers', DEMO_DEFAULTS.providers, 8, 15);
  const endMonth = values['--end-month'] ?? DEMO_DEFAULTS.endMonth;
  for (const v of [seed, months, providers]) if (typeof v === 'string') return v;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(endMonth)) return `--end-month must be YYYY-MM: ${endMonth}`;
  return { out, seed: seed as number, months: months as number, providers: providers as number, endMonth };
}

// Typed by its registration in index.ts (importing the Command type from there would be an import cycle).
export const command = {
  summary: 'write a fictional demo practice\'s exports (seeded, deterministic)',
  usage,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseDemoArgs(argv);
    if (typeof parsed === 'string') {
      io.err(`practice demo-data: ${parsed}\n\n${usage}`);
      return EXIT.usage;
    }
    const dir = resolve(io.cwd, parsed.out);
    const model = generateDemo({ seed: parsed.seed, months: parsed.months, providers: parsed.providers, endMonth: parsed.endMonth });
    const files = await writeDemo(model, dir);
    io.out(`Wrote a fictional practice (seed ${parsed.seed}, ${model.firstDay} to ${model.asOf}) into ${dir}`);
    for (const f of files) io.out(`  ${f.path.slice(dir.length + 1)}  ${f.rows > 0 ? `${f.rows} rows, ` : ''}${f.bytes} bytes`);
    return EXIT.ok;
  },
};
