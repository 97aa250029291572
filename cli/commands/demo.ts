/**
 * `practice demo` (what `npm run demo` runs): generates the fictional demo practice into
 * out/demo-data and builds its workbooks from those files, as a user would: out/kpi.xlsx.
 * Other workbooks are added here as they are built.
 */
import { join, resolve } from 'node:path';
import { DEMO_DEFAULTS, generateDemo } from '../demo/generate';
import { writeDemo } from '../demo/write-csv';
import { writeDemoX12 } from '../demo/x12-writer';
import { EXIT, type CliIo } from '../io';
import { buildDemoContractsWorkbook } from './demo-contracts';
import { buildDemoLedgerWorkbooks } from './demo-ledger';
import { buildKpiFile, loadInputs, summary } from './build';

const usage = `Usage: practice demo [--out DIR]

Generates the fictional demo practice (seed ${DEMO_DEFAULTS.seed}, ${DEMO_DEFAULTS.months} months) into DIR/demo-data
and builds DIR/kpi.xlsx from those exports and its 835 remittances (Denials), DIR/budget.xlsx and DIR/variance.xlsx from its general ledger, and
DIR/contracts.xlsx from its fee schedules and 835 remittances (default DIR: out).`;

// Typed by its registration in index.ts (importing the Command type from there would be an import cycle).
export const command = {
  summary: 'generate the demo practice into out/demo-data and build its workbooks into out/',
  usage,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    let out = 'out';
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i];
      if (arg === '--out' && argv[i + 1] !== undefined) out = argv[++i] ?? out;
      else {
        io.err(`practice demo: unexpected argument ${arg ?? ''}\n\n${usage}`);
        return EXIT.usage;
      }
    }
    const root = resolve(io.cwd, out);
    const dataDir = join(root, 'demo-data');
    const started = Date.now();
    const model = generateDemo();
    const files = await writeDemo(model, dataDir);
    io.out(`Wrote the demo practice "${model.practice.name}" (${model.firstDay} to ${model.asOf}): ${files.length} files in ${dataDir} (${Date.now() - started} ms)`);
    // The PM report in demo-data/pm-report describes the same money as the canonical files: only the top folder is imported.
    // The 835s feed the KPI workbook's Denials sheet (the 837Ps describe the charges the CSVs already hold).
    const remits = writeDemoX12(model, join(dataDir, 'x12')).filter((f) => f.kind === '835').map((f) => f.path);
    const loaded = await loadInputs([dataDir, ...remits], io.cwd);
    const kpiPath = join(root, 'kpi.xlsx');
    const built = await buildKpiFile(loaded, kpiPath, { name: model.practice.name });
    io.out(summary(loaded, built.aggregates, kpiPath, built.bytes, built.timings));
    for (const line of await buildDemoLedgerWorkbooks(model, dataDir, root, loaded.dataset)) io.out(line);
    for (const line of await buildDemoContractsWorkbook(model, dataDir, root, io.cwd)) io.out(line);
    return loaded.unreadable.length > 0 ? EXIT.unreadable : EXIT.ok;
  },
};
