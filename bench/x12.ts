/**
 * The 835 benchmark (issue 5), not a test:
 *   npm run bench:x12 [-- --mb 100] [--repeat 1] [--regenerate] [--no-results]
 *
 * 1. Generates, deterministically (fixed seed) and once, a balanced 5010 835 of about --mb MB into
 *    bench/out/x12/ (plus a 1/10 size file, to show peak RSS does not grow with the file).
 * 2. Runs each stage in its own child process (clean peak RSS): our connector (import835: tokenizer,
 *    full canonical records, balancing; records streamed to a counter, not kept), node-x12's
 *    streaming parser (segments only), a naive split-everything loop, and a hand-written indexOf
 *    walk that extracts only the CLP segments (the practical ceiling in JavaScript).
 *    Each stage's timer starts after its modules are loaded (node-x12 is imported first, not timed).
 *    Ours reads the file through the CLI's own source (cli/files.ts sourceFromPath), as `practice` does.
 * 3. Prints a markdown table (MB/s, segments, records, peak RSS) and writes it as the "X12 835"
 *    section of bench/RESULTS.md (not with --no-results: `npm run bench` writes the whole file).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceFromPath } from '../cli/files';
import { import835 } from '../connectors/x12';
import { withSection } from './taskpane-section';

const benchDir = dirname(fileURLToPath(import.meta.url));
const outDir = join(benchDir, 'out', 'x12');
/** The heading bench/run.ts writes this bench's output under in bench/RESULTS.md. */
const X12_HEADING = '## X12 835 (bench/x12.ts)';
const CHUNK = 1 << 20;
const SEED = 20261128;
const GENERATOR_VERSION = 1;

type Stage = 'ours' | 'node-x12' | 'split-all' | 'indexof-clp';
const STAGES: readonly Stage[] = ['ours', 'node-x12', 'split-all', 'indexof-clp'];

interface StageResult {
  readonly stage: Stage;
  readonly file: string;
  readonly bytes: number;
  readonly seconds: number;
  /** CPU time of the process (user + system) while the stage ran: steadier than wall time on a busy machine. */
  readonly cpuSeconds: number;
  readonly segments: number;
  readonly records: number;
  readonly peakRssBytes: number;
  readonly detail?: Record<string, unknown>;
}

// ---------------------------------------------------------------- generator

/** mulberry32: a small seeded PRNG, so the file is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const money = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
const CODES = ['99211', '99212', '99213', '99214', '99215', '93000', '36415', '81002', '97110', '90471', '87880', '20610'];
const CARCS_DENIED = ['16', '29', '50', '97', '197', '18', '204'];

/** One balanced 835 transaction of `claims` claims; returns its text. */
function transaction(random: () => number, n: number, claims: number): string {
  const body: string[] = [];
  let paidTotal = 0;
  for (let c = 0; c < claims; c++) {
    const claimId = `PT${n}-${c}`;
    const lines = 1 + Math.floor(random() * 4);
    const reversal = random() < 0.02;
    const denied = !reversal && random() < 0.08;
    const sign = reversal ? -1 : 1;
    const lineText: string[] = [];
    let charge = 0;
    let paid = 0;
    let patient = 0;
    for (let l = 0; l < lines; l++) {
      const code = CODES[Math.floor(random() * CODES.length)] as string;
      const lineCharge = (5000 + Math.floor(random() * 30000)) * sign;
      const date = `202403${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      charge += lineCharge;
      if (denied) {
        const carc = CARCS_DENIED[Math.floor(random() * CARCS_DENIED.length)] as string;
        lineText.push(`SVC*HC:${code}*${money(lineCharge)}*0**1`, `DTM*472*${date}`, `CAS*CO*${carc}*${money(lineCharge)}`, `REF*6R*${c}-${l}`, 'LQ*HE*M51');
        continue;
      }
      const allowed = Math.round(lineCharge * (0.5 + random() * 0.3));
      const coinsurance = Math.round(allowed * 0.2);
      const linePaid = allowed - coinsurance;
      paid += linePaid;
      patient += coinsurance;
      const recode = random() < 0.03 ? `*HC:${CODES[(CODES.indexOf(code) + 1) % CODES.length]}` : '';
      lineText.push(
        `SVC*HC:${code}:25*${money(lineCharge)}*${money(linePaid)}**1${recode}`,
        `DTM*472*${date}`,
        `CAS*CO*45*${money(lineCharge - allowed)}`,
        `CAS*PR*2*${money(coinsurance)}`,
        `REF*6R*${c}-${l}`,
        `AMT*B6*${money(allowed)}`,
      );
    }
    paidTotal += paid;
    const status = reversal ? '22' : denied ? '4' : '1';
    body.push(
      `CLP*${claimId}*${status}*${money(charge)}*${money(paid)}*${money(patient)}*12*PCN${n}X${c}*11*1`,
      `NM1*QC*1*PATIENT*TEST****MI*M${Math.floor(random() * 1e9)}`,
      'NM1*82*1*DOCTOR*TEST****XX*1003000126',
      'DTM*050*20240305',
      ...lineText,
    );
  }
  const withheld = random() < 0.3 ? Math.floor(random() * 5000) : 0;
  if (withheld !== 0) body.push(`PLB*1234567893*20241231*WO:OVERPAY${n}*${money(withheld)}`);
  const header = [
    `ST*835*${String(n).padStart(4, '0')}`,
    `BPR*I*${money(paidTotal - withheld)}*C*ACH*CCP*01*999999999*DA*123456*1234567890**01*999999999*DA*654321*20240315`,
    `TRN*1*EFT${n}*1234567890`,
    'DTM*405*20240314',
    'N1*PR*BENCH HEALTH PLAN',
    'N3*1 PAYER WAY',
    'N4*SPRINGFIELD*IL*62701',
    'REF*2U*BENCH01',
    'N1*PE*BENCH CLINIC*XX*1234567893',
    'REF*TJ*123456789',
    'LX*1',
  ];
  const segments = [...header, ...body];
  segments.push(`SE*${segments.length + 1}*${String(n).padStart(4, '0')}`);
  return segments.join('~\n') + '~\n';
}

async function generate(path: string, targetBytes: number): Promise<void> {
  const random = prng(SEED);
  const out = createWriteStream(path);
  const write = (text: string) => new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', () => resolve())));
  let bytes = 0;
  let interchange = 0;
  while (bytes < targetBytes) {
    interchange += 1;
    const control = String(interchange).padStart(9, '0');
    const parts = [
      `ISA*00*          *00*          *ZZ*BENCHPAYER     *ZZ*BENCHCLINIC    *240315*1200*^*00501*${control}*0*P*:~\n`,
      `GS*HP*BENCHPAYER*BENCHCLINIC*20240315*1200*${interchange}*X*005010X221A1~\n`,
    ];
    for (let t = 1; t <= 10; t++) parts.push(transaction(random, t, 200));
    parts.push(`GE*10*${interchange}~\n`, `IEA*1*${control}~\n`);
    const text = parts.join('');
    bytes += Buffer.byteLength(text);
    await write(text);
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

async function ensureFile(mb: number, regenerate: boolean): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, `bench-${mb}mb.835`);
  const manifestPath = `${path}.json`;
  const manifest = { mb, seed: SEED, version: GENERATOR_VERSION };
  if (!regenerate && existsSync(path) && existsSync(manifestPath) && readFileSync(manifestPath, 'utf8') === JSON.stringify(manifest)) return path;
  const started = performance.now();
  await generate(path, mb * 1_000_000);
  writeFileSync(manifestPath, JSON.stringify(manifest));
  console.error(`generated ${path} (${(statSync(path).size / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return path;
}

// ---------------------------------------------------------------- stages (child processes)

type StageOutcome = Pick<StageResult, 'segments' | 'records' | 'detail'>;

async function runOurs(path: string): Promise<StageOutcome> {
  let records = 0;
  const result = await import835(sourceFromPath(path), { keepRecords: false, onRecord: () => void (records += 1) });
  return { segments: result.rowsRead, records, detail: { issues: result.issues.length, claims: (result.extraSummary as { claims: number }).claims } };
}

/** node-x12's streaming parser, imported before the timer starts (as ours is: statically). */
async function loadNodeX12(): Promise<(path: string) => Promise<StageOutcome>> {
  const { X12Parser } = (await import('node-x12')) as unknown as { X12Parser: new (strict?: boolean) => NodeJS.ReadWriteStream };
  return (path) =>
    new Promise((resolve, reject) => {
      let segments = 0;
      const parser = new X12Parser(false);
      createReadStream(path, { highWaterMark: CHUNK })
        .pipe(parser)
        .on('data', () => {
          segments += 1;
        })
        .on('end', () => resolve({ segments, records: 0 }))
        .on('error', reject);
    });
}

/** The naive way: every segment split into elements, nothing else. */
async function runSplitAll(path: string): Promise<StageOutcome> {
  let segments = 0;
  let tail = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK })) {
    const parts = (tail + (chunk as string)).split('~');
    tail = parts.pop() ?? '';
    for (const part of parts) {
      const elements = part.trim().split('*');
      if (elements[0] !== '') segments += 1;
    }
  }
  if (tail.trim() !== '') segments += 1;
  return { segments, records: 0 };
}

/** indexOf walk: finds "CLP*" after each terminator and reads only CLP04 (paid), the practical ceiling. */
async function runIndexOfClp(path: string): Promise<StageOutcome> {
  let claims = 0;
  let paidCents = 0;
  let tail = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK })) {
    const text = tail + (chunk as string);
    let from = 0;
    // Unless a CLP is cut by the chunk end, keep only the last 3 characters (a "CLP*" may straddle it).
    tail = text.slice(Math.max(0, text.length - 3));
    for (;;) {
      const at = text.indexOf('CLP*', from);
      if (at === -1) break;
      const end = text.indexOf('~', at);
      if (end === -1) {
        tail = text.slice(at);
        break;
      }
      from = end + 1;
      if (from > text.length - 3) tail = text.slice(from);
      const before = text.charCodeAt(at - 1);
      if (at > 0 && before !== 10 && before !== 126) continue; // "CLP*" inside another segment
      const elements = text.slice(at, end).split('*');
      claims += 1;
      paidCents += Math.round(Number(elements[4]) * 100);
    }
  }
  return { segments: claims, records: claims, detail: { paidCents } };
}

/** The stage's work, its modules loaded. */
async function stageRun(stage: Stage): Promise<(path: string) => Promise<StageOutcome>> {
  if (stage === 'node-x12') return loadNodeX12();
  return { ours: runOurs, 'split-all': runSplitAll, 'indexof-clp': runIndexOfClp }[stage];
}

async function stageMain(stage: Stage, path: string): Promise<void> {
  const bytes = statSync(path).size;
  const run = await stageRun(stage);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const outcome = await run(path);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const result: StageResult = { stage, file: basename(path), bytes, seconds, cpuSeconds, peakRssBytes: process.resourceUsage().maxRSS * 1024, ...outcome };
  process.stdout.write(JSON.stringify(result) + '\n');
}

// ---------------------------------------------------------------- driver

function runStage(stage: Stage, path: string): StageResult {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--stage', stage, path], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (child.status !== 0) throw new Error(`stage ${stage} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as StageResult;
}

function table(results: readonly StageResult[]): string {
  const mb = (n: number) => (n / 1e6).toFixed(1);
  const rows = results.map(
    (r) =>
      `| ${r.stage} | ${r.file} | ${mb(r.bytes)} | ${r.seconds.toFixed(2)} | **${(r.bytes / 1e6 / r.seconds).toFixed(1)}** | ${r.cpuSeconds.toFixed(2)} | **${(r.bytes / 1e6 / r.cpuSeconds).toFixed(1)}** | ${r.segments.toLocaleString('en-US')} | ${r.records.toLocaleString('en-US')} | ${mb(r.peakRssBytes)} |`,
  );
  return [
    '| stage | file | MB | wall s | MB/s (wall) | CPU s | MB/s (CPU) | segments (CLP for indexof) | records | peak RSS MB |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv[0] === '--stage') return stageMain(argv[1] as Stage, argv[2] as string);
  let mb = 100;
  let repeat = 1;
  let regenerate = false;
  let writeResults = true;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--mb') mb = Number(argv[++i]);
    else if (argv[i] === '--repeat') repeat = Number(argv[++i]);
    else if (argv[i] === '--regenerate') regenerate = true;
    else if (argv[i] === '--no-results') writeResults = false;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  const big = await ensureFile(mb, regenerate);
  const small = await ensureFile(Math.max(1, Math.round(mb / 10)), regenerate);
  const results: StageResult[] = [];
  const best = (stage: Stage, path: string) => {
    let winner: StageResult | undefined;
    for (let i = 0; i < repeat; i++) {
      const r = runStage(stage, path);
      if (winner === undefined || r.seconds < winner.seconds) winner = r;
    }
    return winner as StageResult;
  };
  for (const stage of STAGES) results.push(best(stage, big));
  results.push(best('ours', small));
  const ours = results.find((r) => r.stage === 'ours' && r.file === basename(big));
  const oursSmall = results.find((r) => r.stage === 'ours' && r.file === basename(small));
  const theirs = results.find((r) => r.stage === 'node-x12');
  const lines = [
    `### X12 835 ingest (${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]?.toFixed(1)})`,
    '',
    table(results),
  ];
  if (ours !== undefined && theirs !== undefined) {
    lines.push(
      '',
      `Our connector vs node-x12's streaming parser: **${(theirs.seconds / ours.seconds).toFixed(2)}×** by wall time, ` +
        `**${(theirs.cpuSeconds / ours.cpuSeconds).toFixed(2)}×** by CPU time (target ≥ 2×). Best of ${repeat} run(s) per stage.`,
    );
  }
  if (ours !== undefined && oursSmall !== undefined) {
    const mb = (n: number) => (n / 1e6).toFixed(0);
    lines.push(
      '',
      `Peak RSS of our connector: ${mb(ours.peakRssBytes)} MB on the ${mb(ours.bytes)} MB file, ${mb(oursSmall.peakRssBytes)} MB on the ${mb(oursSmall.bytes)} MB one ` +
        `(records streamed to a counter, not kept; the other stages read through Node's createReadStream, a fresh 1 MB Buffer per chunk, which V8 frees only after tens of megabytes of them).`,
    );
  }
  const section = lines.join('\n');
  console.log(`\n${section}`);
  if (writeResults) {
    const path = join(benchDir, 'RESULTS.md');
    writeFileSync(path, withSection(readFileSync(path, 'utf8'), X12_HEADING, `${X12_HEADING}\n\n${section.replace(/^### /, '#### ')}\n`));
    console.log(`\nrefreshed the "X12 835" section of bench/RESULTS.md`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
