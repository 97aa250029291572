/**
 * `npm run bench`: the performance record (issues 2 and 9), written to bench/RESULTS.md.
 *
 * 1. Generates (deterministically, once; reused while its manifest matches) the demo generator's
 *    large practice at 1,000,000 charge lines in our canonical layout — charges.csv with the matching
 *    transactions.csv (payments, adjustments, transfers) and appointments.csv — into bench/out/.
 * 2. Runs each stage in its own child process (clean peak RSS per stage): raw papaparse streaming
 *    (step and chunk), raw uDSV, our own parse alone, the hand-written mapping floor, our ingest
 *    (records kept, and records streamed to a sink), the full pipeline (import → KPI aggregates, the three files), the same plus
 *    plan building and .xlsx rendering, and DuckDB (read_csv + the same GROUP BY) on the same files.
 *    The two stages of the ingest target (papaparse `step`, streamed ingest) run in turn, at least
 *    three times each, best of each: this machine's speed drifts by a third from minute to minute,
 *    and one run of each, minutes apart, measured the drift as much as the code.
 * 3. Runs the 835 bench (bench/x12.ts) and the task-pane bench (bench/taskpane.ts: the same
 *    charges.csv imported by the task pane in headless Chromium) and includes their sections.
 * 4. Prints the tables and writes bench/RESULTS.md, with which targets are met. When streamed ingest
 *    is below 0.6 × papaparse, it profiles that stage (node --cpu-prof) and lists where the time goes.
 *
 * Options: --lines N (default 1000000), --seed N, --repeat N (best of N, default 1), --regenerate,
 * --x12-mb N (default 100; 0 skips the 835 bench).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLarge } from '../cli/demo/write-csv';
import { generatorDigest, sha256 } from './practice-file';
import type { StageName, StageResult } from './stage';
import { TASKPANE_JSON, taskpaneSection, type TaskpaneResult } from './taskpane-section';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(benchDir, '..');
const outRoot = join(benchDir, 'out');

interface Args {
  lines: number;
  seed: number;
  repeat: number;
  regenerate: boolean;
  x12Mb: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { lines: 1_000_000, seed: 20261128, repeat: 1, regenerate: false, x12Mb: 100 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => Number(argv[++i]);
    if (a === '--lines') args.lines = next();
    else if (a === '--seed') args.seed = next();
    else if (a === '--repeat') args.repeat = next();
    else if (a === '--regenerate') args.regenerate = true;
    else if (a === '--x12-mb') args.x12Mb = next();
    else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(args.lines) || args.lines < 1 || !Number.isInteger(args.repeat) || args.repeat < 1) throw new Error('bad --lines or --repeat');
  return args;
}

interface Manifest {
  /** Digest of the generator's sources: a changed generator means a regenerated file. */
  readonly generator: string;
  readonly lines: number;
  readonly seed: number;
  readonly layout: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly providers: number;
  readonly generatedSeconds: number;
  /** The practice's other files: rows and bytes. */
  readonly transactions: { rows: number; bytes: number };
  readonly appointments: { rows: number; bytes: number };
}

/** The bench file, generated once per (lines, seed, generator) and reused while it still matches its manifest. */
async function benchFile(args: Args): Promise<{ path: string; manifest: Manifest; reused: boolean }> {
  const generator = generatorDigest();
  const dir = join(outRoot, `practice-${args.lines}-seed${args.seed}`);
  const path = join(dir, 'charges.csv');
  const manifestPath = join(dir, 'manifest.json');
  if (!args.regenerate && existsSync(manifestPath) && existsSync(path)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (manifest.bytes === statSync(path).size && manifest.generator === generator && manifest.appointments !== undefined) return { path, manifest, reused: true };
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`generating ${args.lines.toLocaleString('en-US')} charge lines (seed ${args.seed}) into ${relative(repoRoot, dir)} …`);
  const start = process.hrtime.bigint();
  const result = await generateLarge({ chargeLines: args.lines, outDir: dir, seed: args.seed, transactions: true, appointments: true });
  const generatedSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const manifest: Manifest = {
    generator,
    lines: result.charges.rows,
    seed: args.seed,
    layout: 'canonical charges.csv (23 columns, one row per claim line)',
    bytes: result.charges.bytes,
    sha256: await sha256(path),
    providers: result.providers,
    generatedSeconds,
    transactions: { rows: result.transactions?.rows ?? 0, bytes: result.transactions?.bytes ?? 0 },
    appointments: { rows: result.appointments?.rows ?? 0, bytes: result.appointments?.bytes ?? 0 },
  };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return { path, manifest, reused: false };
}

/** Runs one stage in a fresh Node process and returns its JSON line. */
function runChild(stage: StageName, file: string, extraNodeArgs: readonly string[] = []): Promise<StageResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...extraNodeArgs, '--expose-gc', '--import', 'tsx', join(benchDir, 'stage.ts'), stage, file], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`stage ${stage} exited ${code}: ${out.slice(-500)}`));
      else resolvePromise(JSON.parse(last) as StageResult);
    });
  });
}

interface Row {
  readonly label: string;
  readonly result: StageResult;
}

const mb = (bytes: number) => bytes / 1e6;
const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(rows: readonly Row[]): string {
  const lines = [
    '| stage | rows | MB/s | rows/s | wall s | CPU s | MB per CPU s | peak RSS MB | baseline RSS MB | peak RSS / file |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { label, result: r } of rows) {
    lines.push(
      `| ${label} | ${r.rows.toLocaleString('en-US')} | ${fmt(mb(r.bytes) / r.seconds)} | ${fmt(r.rows / r.seconds, 0)} | ${fmt(r.seconds, 2)} | ${fmt(r.cpuSeconds, 2)} | ${fmt(mb(r.bytes) / r.cpuSeconds)} | ${fmt(mb(r.peakRssBytes), 0)} | ${fmt(mb(r.baselineRssBytes), 0)} | ${fmt(r.peakRssBytes / r.bytes, 2)} |`,
    );
  }
  return lines.join('\n');
}

/** Self time per function and per file from a .cpuprofile, top entries first. */
function summariseProfile(path: string, top = 15): { functions: string[]; files: string[]; totalMs: number } {
  interface Node {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }
  const profile = JSON.parse(readFileSync(path, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfByNode = new Map<number, number>();
  profile.samples.forEach((id, i) => selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfByNode) {
    const frame = nodes.get(id)?.callFrame;
    // Idle time is the process waiting (on the disk or the event loop), not work.
    if (frame === undefined || frame.functionName === '(idle)') continue;
    total += us;
    const url = frame.url.replace(/^file:\/\//, '');
    const file = url === '' ? '(native/VM)' : url.includes('/node_modules/') ? `node_modules/${url.split('/node_modules/')[1]?.split('/').slice(0, 1).join('/')}` : url.startsWith(repoRoot) ? relative(repoRoot, url) : url;
    // tsx compiles our .ts files without keeping line numbers, so only library frames get a line.
    const fn = `${frame.functionName || '(anonymous)'} — ${file}${url === '' || url.endsWith('.ts') ? '' : `:${frame.lineNumber + 1}`}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  const list = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `| ${fmt(us / 1000, 0)} | ${fmt((100 * us) / total, 1)} % | ${k.replaceAll('|', '\\|')} |`);
  return { functions: list(byFunction), files: list(byFile), totalMs: total / 1000 };
}

/** Runs bench/x12.ts (the 835 bench) and returns its markdown, or a line saying why not. */
function x12Section(mb: number): Promise<string> {
  if (mb <= 0) return Promise.resolve('_Skipped (`--x12-mb 0`)._');
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(benchDir, 'x12.ts'), '--mb', String(mb), '--no-results'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (out += d));
    child.on('close', (code) => {
      const at = out.indexOf('### X12');
      resolvePromise(code === 0 && at >= 0 ? out.slice(at).replace(/^### /, '#### ') : `_The 835 bench failed (exit ${code})._`);
    });
  });
}

/**
 * Runs bench/taskpane.ts on this run's charges.csv (same lines and seed) and returns its section,
 * rendered from the JSON it wrote, as `npm run bench:taskpane` renders it.
 */
function taskpaneStage(args: Args): Promise<string> {
  return new Promise((resolvePromise) => {
    rmSync(TASKPANE_JSON, { force: true });
    const child = spawn(process.execPath, ['--import', 'tsx', join(benchDir, 'taskpane.ts'), '--lines', String(args.lines), '--seed', String(args.seed), '--no-results'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('close', (code) => {
      const json = code === 0 && existsSync(TASKPANE_JSON) ? (JSON.parse(readFileSync(TASKPANE_JSON, 'utf8')) as TaskpaneResult) : undefined;
      resolvePromise(taskpaneSection(json, `the task-pane bench failed (exit ${code})`));
    });
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  mkdirSync(outRoot, { recursive: true });
  const { path, manifest, reused } = await benchFile(args);
  const practiceDir = dirname(path);
  const practiceBytes = manifest.bytes + manifest.transactions.bytes + manifest.appointments.bytes;
  console.log(`${reused ? 'reusing' : 'generated'} ${relative(repoRoot, practiceDir)}: ${manifest.lines.toLocaleString('en-US')} charge lines (${fmt(mb(manifest.bytes))} MB), ${manifest.transactions.rows.toLocaleString('en-US')} transactions, ${manifest.appointments.rows.toLocaleString('en-US')} appointments; ${fmt(mb(practiceBytes))} MB in all`);

  const stages: { stage: StageName; label: string; input: string }[] = [
    { stage: 'papaparse-step', label: 'papaparse, Node stream, `step` (raw parse)', input: path },
    { stage: 'papaparse-chunk', label: 'papaparse, Node stream, `chunk` (raw parse)', input: path },
    { stage: 'udsv', label: 'uDSV, incremental `chunk` (raw parse)', input: path },
    { stage: 'tokenize', label: 'our parse alone: connectors/csv/stream.ts (read, decode, rows), rows dropped', input: path },
    { stage: 'floor', label: 'reference: papaparse `step` + minimal hand-written mapping to ChargeLine objects, dropped', input: path },
    { stage: 'floor-keep', label: 'reference: the same, objects kept in an array', input: path },
    { stage: 'ingest', label: 'our ingest, records kept: `importSource` (ImportResult.records)', input: path },
    { stage: 'ingest-stream', label: '**our ingest, records streamed**: `importSource` with `onRecords` (none kept)', input: path },
    { stage: 'pipeline', label: '**full pipeline**: the 3 files → importSource → createAggregator → KPI aggregates', input: practiceDir },
    { stage: 'workbook', label: 'the same + plan building + .xlsx rendering (renderXlsx)', input: practiceDir },
    { stage: 'duckdb', label: '**DuckDB**: read_csv of the 3 files + the same GROUP BY (core/aggregate/sql.ts)', input: practiceDir },
  ];
  const rows: Row[] = [];
  const keepBest = (best: StageResult | undefined, r: StageResult): StageResult => {
    console.log(`  ${r.stage}: ${fmt(r.seconds, 2)} s (CPU ${fmt(r.cpuSeconds, 2)} s), ${fmt(mb(r.bytes) / r.seconds)} MB/s, ${r.rows.toLocaleString('en-US')} rows, peak RSS ${fmt(mb(r.peakRssBytes), 0)} MB`);
    return best === undefined || r.seconds < best.seconds ? { ...r, peakRssBytes: Math.max(r.peakRssBytes, best?.peakRssBytes ?? 0) } : best;
  };
  // The ingest target's two stages, in turn, so both see the same machine.
  const paired = new Map<StageName, StageResult>();
  for (let i = 0; i < pairedRuns(args); i++)
    for (const stage of PAIRED) {
      const r = keepBest(paired.get(stage), await runChild(stage, path));
      paired.set(stage, r);
    }
  for (const { stage, label, input } of stages) {
    let best = paired.get(stage);
    if (best === undefined) for (let i = 0; i < args.repeat; i++) best = keepBest(best, await runChild(stage, input));
    if (best !== undefined) rows.push({ label, result: best });
  }
  const get = (s: StageName) => {
    const r = rows.find((x) => x.result.stage === s)?.result;
    if (r === undefined) throw new Error(`stage ${s} did not run`);
    return r;
  };
  const step = get('papaparse-step');
  const chunk = get('papaparse-chunk');
  const uDsv = get('udsv');
  const tok = get('tokenize');
  const ingestKept = get('ingest');
  const ingest = get('ingest-stream');
  const floor = get('floor');
  const floorKeep = get('floor-keep');
  const pipeline = get('pipeline');
  const workbook = get('workbook');
  const duck = get('duckdb');
  const papa = step.seconds <= chunk.seconds ? step : chunk;
  const papaLabel = papa === step ? 'step' : 'chunk';
  const ratio = papa.seconds / ingest.seconds;
  const cpuRatio = papa.cpuSeconds / ingest.cpuSeconds;
  const rssRatio = ingest.peakRssBytes / ingest.bytes;
  const keptRssRatio = ingestKept.peakRssBytes / ingestKept.bytes;
  const pipelineRss = pipeline.peakRssBytes / pipeline.bytes;
  const vsDuck = pipeline.seconds / duck.seconds;
  const vsDuckCpu = pipeline.cpuSeconds / duck.cpuSeconds;
  const renderSeconds = Number(workbook.detail?.renderSeconds ?? NaN);
  const importSeconds = Number(pipeline.detail?.importSeconds ?? NaN);
  const aggregateSeconds = Number(pipeline.detail?.aggregateSeconds ?? NaN);
  const heapHeld = Number(pipeline.detail?.heapHeldBytes ?? NaN);
  const parseAll = (papa.cpuSeconds * practiceBytes) / papa.bytes;
  const planSeconds = Number(workbook.detail?.planSeconds ?? NaN);
  const udsvSpeedup = papa.seconds / uDsv.seconds;
  const udsvCpuSpeedup = papa.cpuSeconds / uDsv.cpuSeconds;
  const parseShare = papa.cpuSeconds / ingest.cpuSeconds;
  const singleFile: StageName[] = ['papaparse-step', 'papaparse-chunk', 'udsv', 'tokenize', 'floor', 'floor-keep', 'ingest', 'ingest-stream'];
  const rowsOk = rows.filter((r) => singleFile.includes(r.result.stage)).every((r) => r.result.rows === manifest.lines);
  const totalsOk = JSON.stringify(pipeline.detail?.totals) === JSON.stringify(duck.detail?.totals);
  const met = (ok: boolean) => (ok ? '**met**' : '**not met**');
  console.log(`\ningest (streamed) / papaparse (${papaLabel}): ${fmt(ratio, 2)} wall, ${fmt(cpuRatio, 2)} CPU (target ≥ 0.60)`);
  console.log(`full pipeline / DuckDB: ${fmt(vsDuck, 2)} × wall, ${fmt(vsDuckCpu, 2)} × CPU (target ≤ 2)`);
  console.log(`pipeline peak RSS / input: ${fmt(pipelineRss, 2)} (target < 1.5); .xlsx plan + render ${fmt(planSeconds + renderSeconds, 1)} s (target < 60)`);

  let profileSection = '';
  if (ratio < 0.6) {
    console.log('streamed ingest is below target: profiling it (node --cpu-prof) …');
    const profDir = join(outRoot, 'profile');
    rmSync(profDir, { recursive: true, force: true });
    mkdirSync(profDir, { recursive: true });
    await runChild('ingest-stream', path, ['--cpu-prof', '--cpu-prof-dir', profDir]);
    const file = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(profDir, f)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
    if (file !== undefined) {
      const s = summariseProfile(file);
      profileSection = [
        '## Where streamed ingest spends its time',
        '',
        `Streamed ingest is below the 0.6 × papaparse target, so the bench profiled one run (\`node --cpu-prof\`, ${fmt(s.totalMs / 1000, 1)} s sampled; profiling slows everything a little). Self time, top entries:`,
        '',
        '| self ms | share | by source file |',
        '|---:|---:|---|',
        ...s.files,
        '',
        '| self ms | share | by function |',
        '|---:|---:|---|',
        ...s.functions,
        '',
        `The raw papaparse parse alone takes ${fmt(papa.cpuSeconds, 2)} CPU s of the streamed ingest's ${fmt(ingest.cpuSeconds, 2)} CPU s (${fmt(100 * parseShare, 0)} %). The profile file is ${relative(repoRoot, file)}.`,
        '',
      ].join('\n');
    }
  }
  console.log('running the 835 bench (bench/x12.ts) …');
  const x12 = await x12Section(args.x12Mb);
  console.log('running the task-pane bench (bench/taskpane.ts) …');
  const taskpane = await taskpaneStage(args);

  const cpus = os.cpus();
  const recommendation = recommend({ papaSeconds: papa.cpuSeconds, udsvSeconds: uDsv.cpuSeconds, tokenizeSeconds: tok.cpuSeconds, ingestSeconds: ingest.cpuSeconds, papaLabel });
  const md = [
    '# Performance record',
    '',
    '_Written by `npm run bench` (bench/run.ts); do not edit by hand — rerun the bench._',
    '',
    `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
    `- Command: \`npm run bench\` (= \`node --expose-gc --import tsx bench/run.ts${process.argv.slice(2).length > 0 ? ' ' + process.argv.slice(2).join(' ') : ''}\`)`,
    `- Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} logical cores, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB memory, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}`,
    `- Load average at the end of the run: ${os.loadavg().map((l) => fmt(l, 2)).join(', ')}. The machine may be shared: when the load exceeds the core count, wall times stretch; the CPU-time columns are the steadier comparison. DuckDB runs multi-threaded (its CPU s counts every thread); our pipeline is one JavaScript thread.`,
    `- Input: ${relative(repoRoot, practiceDir)} — the demo model's large practice (\`generateLarge\` in cli/demo/write-csv.ts, seed ${manifest.seed}, a ${manifest.providers}-provider group) in our canonical layout: charges.csv ${manifest.lines.toLocaleString('en-US')} lines, ${fmt(mb(manifest.bytes))} MB (sha256 \`${manifest.sha256}\`); transactions.csv ${manifest.transactions.rows.toLocaleString('en-US')} lines, ${fmt(mb(manifest.transactions.bytes))} MB; appointments.csv ${manifest.appointments.rows.toLocaleString('en-US')} lines, ${fmt(mb(manifest.appointments.bytes))} MB. ${fmt(mb(practiceBytes))} MB in all (MB = 10⁶ bytes). Same seed → same bytes.`,
    `- Each stage runs in its own Node process (${args.repeat === 1 ? 'one run each' : `best of ${args.repeat}`}; papaparse \`step\` and streamed ingest, the ingest target's pair, run in turn ${pairedRuns(args)} times each, best of each, because this machine's speed drifts by up to a third from minute to minute); peak RSS is that process's getrusage maxrss (Node + tsx + modules baseline shown beside it). The single-file stages read charges.csv; pipeline, workbook and DuckDB read the three files (their MB/s and RSS ratios are over the three files' bytes).`,
    '',
    table(rows),
    '',
    '## Targets',
    '',
    `| target | measured | status |`,
    `|---|---|---|`,
    `| full pipeline (import → aggregated KPI data) within 2 × DuckDB read + GROUP BY | ${fmt(vsDuck, 2)} × by wall time (${fmt(pipeline.seconds, 1)} s vs ${fmt(duck.seconds, 1)} s); ${fmt(vsDuckCpu, 2)} × by CPU time | ${met(vsDuck <= 2)} |`,
    `| full pipeline peak RSS < 1.5 × input | ${fmt(pipelineRss, 2)} × (${fmt(mb(pipeline.peakRssBytes), 0)} MB for ${fmt(mb(pipeline.bytes), 0)} MB) | ${met(pipelineRss < 1.5)} |`,
    `| streamed ingest ≥ 0.6 × papaparse throughput (charges.csv) | ${fmt(ratio, 2)} × by wall time, ${fmt(cpuRatio, 2)} × by CPU time (papaparse \`${papaLabel}\`) | ${met(ratio >= 0.6)} |`,
    `| streamed ingest peak RSS < 1.5 × file | ${fmt(rssRatio, 2)} × (records kept: ${fmt(keptRssRatio, 2)} ×) | ${met(rssRatio < 1.5)} |`,
    `| .xlsx for that practice written in < 60 s (from its aggregates: plan + render) | ${fmt(planSeconds + renderSeconds, 1)} s: plan ${fmt(planSeconds, 1)} s + render ${fmt(renderSeconds, 1)} s (${fmt(mb(Number(workbook.detail?.xlsxBytes ?? 0)), 1)} MB); import + aggregate + plan + render ${fmt(workbook.seconds, 1)} s | ${met(planSeconds + renderSeconds < 60)} |`,
    '',
    `- Aggregates agree with DuckDB on the totals (Σ charges, Σ payments, appointments): ${totalsOk ? 'yes' : 'NO'} — ours ${JSON.stringify(pipeline.detail?.totals)}, DuckDB ${JSON.stringify(duck.detail?.totals)}; Facts rows: ours ${String(pipeline.detail?.facts)}, DuckDB ${String(duck.detail?.facts)}.`,
    `- Pipeline split: import ${fmt(importSeconds, 1)} s, aggregation (finish: cells → Facts, A/R aging, distinct counts) ${fmt(aggregateSeconds, 1)} s. This DuckDB stage is the quickest SQL a user would write: read_csv and the Facts measures of sql.ts (not A/R aging, distinct counts, denials, wRVUs), so the comparison favours DuckDB. The whole aggregation as SQL is \`practice build --engine duckdb\` (core/aggregate/sql-engine.ts over records loaded from our connectors; equal tables are checked by test/cli/engine/duckdb.test.ts); it holds the records in memory, so it is not run at this size.`,
    `- uDSV raw parse vs papaparse raw parse: ${fmt(udsvSpeedup, 2)} × by wall time, ${fmt(udsvCpuSpeedup, 2)} × by CPU time.`,
    `- Row counts of the single-file stages ${rowsOk ? 'agree' : 'DO NOT agree'} (${manifest.lines.toLocaleString('en-US')} expected); streamed ingest: ${JSON.stringify(ingest.detail)}.`,
    '',
    '## What stands in the way',
    '',
    ingestNote({ papa, papaLabel, ingest, tok, floor }),
    `- **Pipeline vs DuckDB.** Ours: import ${fmt(importSeconds, 1)} s + aggregation ${fmt(aggregateSeconds, 1)} s (wall). Raw papaparse alone parses charges.csv in ${fmt(papa.cpuSeconds, 2)} CPU s, i.e. about ${fmt(parseAll, 1)} CPU s for the practice's ${fmt(mb(practiceBytes), 0)} MB at the same rate: ${fmt(parseAll / duck.seconds, 2)} × DuckDB's whole read + GROUP BY (${fmt(duck.seconds, 1)} s wall, on ${os.cpus().length} threads). Within 2 × DuckDB, parse + map + aggregate of ${pipeline.rows.toLocaleString('en-US')} rows would have about ${fmt(Math.max(0, 2 * duck.seconds - parseAll), 1)} s left beyond papaparse's parse, ${fmt((1e6 * Math.max(0, 2 * duck.seconds - parseAll)) / pipeline.rows, 2)} µs per row. Our profile-driven mapping (cells read by code generated per profile, one canonical record object per row, issues, a natural-key index per file) costs ${fmt((1e6 * (ingest.cpuSeconds - papa.cpuSeconds)) / ingest.rows, 2)} CPU µs per charge row above the parse, and the aggregator adds its per-record work (party interning, cells, claim ledgers). For scale: papaparse plus a minimal hand-written mapping of this one layout runs at ${fmt(papa.cpuSeconds / floor.cpuSeconds, 2)} × papaparse by CPU time when its objects are dropped, ${fmt(papa.cpuSeconds / floorKeep.cpuSeconds, 2)} × when they are kept. Meeting the target needs a different hot path: a tokenizer faster than papaparse feeding the aggregation cells directly, without a record object per row, for canonical layouts (the issue measured a hand-written byte tokenizer + aggregate at 1.6 s on 171 MB); it has not been built.`,
    `- **Memory.** After every record has streamed through, the aggregation holds ${fmt(mb(heapHeld), 0)} MB of live heap (${fmt(heapHeld / pipeline.rows, 0)} bytes per input row), beside typed arrays the collector does not walk: the natural keys of every record for duplicates across files (core/key-index.ts: one byte per character while the keys are Latin-1, and 21 to 31 bytes per key; released when the tables are built), and per claim its parties, first day of service, patient, billed cents, first insurance action and money movements (core/aggregate/claims.ts: 16 bytes per movement). While a file is read, connectors/csv/table.ts also holds that file's row keys with their line numbers (duplicate rows within the file), and V8 keeps garbage until its next major collection; the peak is ${fmt(pipelineRss, 2)} × the input, including the ${fmt(mb(pipeline.baselineRssBytes), 0)} MB of Node, tsx and the modules before any file is read.`,
    `- **.xlsx.** Rendering writes ${String(workbook.detail?.facts)} Facts rows, ${String(workbook.detail?.aging)} A/R aging rows and ${String(workbook.detail?.distinct)} distinct-count rows in ${fmt(renderSeconds, 1)} s, peak RSS ${fmt(mb(workbook.peakRssBytes), 0)} MB for the whole stage (import and aggregation included); the A/R aging table (month end × provider × location × payer × bucket) is the largest. exceljs builds every sheet but the Data tables' rows after the first, which render/xlsx/table-rows.ts writes as sheet XML directly; about half the render is jszip's deflate in JavaScript (level 6, as exceljs used). \`node --expose-gc --import tsx bench/stage.ts aggregates DIR\` then \`… render DIR\` times the workbook alone from saved aggregates.`,
    '',
    '## Which parser on the hot path',
    '',
    recommendation,
    '',
    profileSection,
    '## X12 835 (bench/x12.ts)',
    '',
    x12,
    '',
    taskpane,
  ].join('\n');
  writeFileSync(join(benchDir, 'RESULTS.md'), md.replace(/\n{3,}/g, '\n\n').trimEnd() + '\n');
  console.log(`\n${table(rows)}\n\nwrote ${relative(repoRoot, join(benchDir, 'RESULTS.md'))}`);
}

/** Why streamed ingest is where it is against 0.6 × papaparse, from this run's figures. */
function ingestNote(f: { papa: StageResult; papaLabel: string; ingest: StageResult; tok: StageResult; floor: StageResult }): string {
  const { papa, ingest, tok, floor } = f;
  const allowed = papa.seconds / 0.6;
  const perRow = (seconds: number) => fmt((1e6 * seconds) / ingest.rows, 2);
  const budget = Math.max(0, allowed - tok.seconds);
  const floorExtra = floor.seconds - papa.seconds;
  return [
    `- **Streamed ingest vs papaparse.** At 0.6 × papaparse \`${f.papaLabel}\` (${fmt(papa.seconds, 2)} s wall) our ingest of charges.csv would take at most ${fmt(allowed, 2)} s; it takes ${fmt(ingest.seconds, 2)} s (${fmt(papa.seconds / ingest.seconds, 2)} ×).`,
    `Our own parse (read with the next chunk read ahead, decode, cut into rows: connectors/csv/stream.ts) takes ${fmt(tok.seconds, 2)} s, ${fmt(papa.seconds / tok.seconds, 2)} × papaparse's speed, which leaves ${fmt(budget, 2)} s, ${perRow(budget)} µs per row, for everything that turns a row into a record:`,
    `23 cells trimmed and read (dates checked, money parsed, the patient pseudonymised, repeated values shared), the row key checked against every earlier key of the file, the record and its lineage built, the summary counted.`,
    `That costs ${perRow(ingest.seconds - tok.seconds)} µs per row here, with the cells read and the record built by code generated for the profile (connectors/csv/row-code.ts) and the row above's values reused without a call.`,
    `For scale, the hand-written floor, which does less (papaparse's rows, no trimming, no key index, no lineage, issues or summary), adds ${perRow(floorExtra)} µs per row to papaparse's parse:`,
    `meeting 0.6 × needs record-making within ${fmt(budget / floorExtra, 1)} × that minimal mapping's cost, and ours is ${fmt((ingest.seconds - tok.seconds) / floorExtra, 1)} ×. What is left is a cost per cell (about 23 million cells: a cut string each, its comparison with the row above, and a lookup or parse where it changed) and a record object per row; a reader fused with the tokenizer, comparing unchanged cells in place instead of cutting them, was measured no faster per row and was not kept.`,
  ].join(' ');
}

/** The stages the ingest target compares, run in turn. */
const PAIRED: readonly StageName[] = ['papaparse-step', 'ingest-stream'];
const pairedRuns = (args: Args) => Math.max(3, args.repeat);

/** The parser recommendation, argued from this run's figures. */
function recommend(f: { papaSeconds: number; udsvSeconds: number; tokenizeSeconds: number; ingestSeconds: number; papaLabel: string }): string {
  const speedup = f.papaSeconds / f.udsvSeconds;
  const share = f.papaSeconds / f.ingestSeconds;
  // If the parse were replaced by uDSV and nothing else changed, ingest would save this share of its time.
  const saving = share * (1 - 1 / speedup);
  const lines = [
    speedup > 1
      ? `By CPU time, raw uDSV parses this file ${fmt(speedup, 2)} × as fast as papaparse (${f.papaLabel}). Parsing is about ${fmt(100 * share, 0)} % of our ingest time, so swapping the parser alone would cut ingest by at most about ${fmt(100 * saving, 0)} %.`
      : `By CPU time, raw uDSV was not faster than papaparse (${f.papaLabel}) on this file and machine (${fmt(speedup, 2)} ×), so swapping the parser would gain nothing; parsing is about ${fmt(100 * share, 0)} % of our ingest time.`,
  ];
  // The choice made (2026-12-03): neither library's parser. See connectors/csv/tokenizer.ts.
  lines.push(
    `**The hot path uses our own tokenizer** (connectors/csv/tokenizer.ts), in the CLI and in the task pane's worker alike: quote-free lines are cut with indexOf, quoted ones walked field by field. papaparse's parser walks a whole chunk character by character as soon as one line in it holds a quote (one provider name in five is quoted in this export), which made the parse through connectors/csv/stream.ts about twice papaparse's own step-mode figure. Ours (read, decode and rows, the \`tokenize\` stage) takes ${fmt(f.tokenizeSeconds, 2)} CPU s on this file: ${fmt(f.papaSeconds / f.tokenizeSeconds, 2)} × papaparse's speed, ${fmt(f.udsvSeconds / f.tokenizeSeconds, 2)} × uDSV's. uDSV needs well-formed input (line breaks inside quotes matching the row separator) and gives no error positions, so it was not chosen. Browser \`File\` streaming comes from connectors/source.ts (sourceFromBlob) and decoding from connectors/text, so nothing of papaparse's was needed there; papaparse stays the bench baseline and the tokenizer's test oracle (same rows for any chunking).`,
  );
  return lines.join(' ');
}

await main();
