/**
 * One bench stage in its own process, so each peak RSS is that stage's alone:
 *   node --expose-gc --import tsx bench/stage.ts <papaparse-step|papaparse-chunk|udsv|tokenize|floor|floor-keep|ingest|ingest-stream> FILE
 *   node --expose-gc --import tsx bench/stage.ts <pipeline|workbook|duckdb|aggregates> DIR   (DIR holds charges.csv, transactions.csv, appointments.csv)
 *   node --expose-gc --import tsx bench/stage.ts render DIR   (DIR holds the aggregates.v8 the `aggregates` stage saved)
 * `aggregates` runs the pipeline once and saves its dataset and aggregates (v8 serialisation) to
 * DIR/aggregates.v8; `render` loads them and measures what the KPI .xlsx costs alone: plan building,
 * rendering and writing DIR/kpi.xlsx, without the ~90 s pipeline in front.
 * Prints one JSON line: { stage, rows, bytes, seconds, baselineRssBytes, peakRssBytes, ... }.
 */
import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { initParser, inferSchema, type Parser } from 'udsv';
import { HEADERS } from '../cli/demo/rows';
import { join } from 'node:path';
import { sourceFromPath } from '../cli/files';
import { duckdbFacts } from '../cli/engine/duckdb';
import { importSource } from '../connectors/index';
import { streamDelimited } from '../connectors/csv/stream';
import { createAggregator } from '../core/aggregate/stream';
import { buildKpiWorkbook } from '../core/plan/kpi-workbook';
import { renderXlsx } from '../render/xlsx';
import type { SourceFile } from '../connectors/source';
import type { Aggregates } from '../core/aggregate/types';
import type { Dataset } from '../core/dataset';
import { parseMoney } from '../core/money';
import { pseudonymousKey } from '../core/privacy';

export type StageName =
  | 'papaparse-step'
  | 'papaparse-chunk'
  | 'udsv'
  | 'tokenize'
  | 'floor'
  | 'floor-keep'
  | 'ingest'
  | 'ingest-stream'
  | 'pipeline'
  | 'workbook'
  | 'duckdb'
  | 'aggregates'
  | 'render';
export const STAGES: readonly StageName[] = ['papaparse-step', 'papaparse-chunk', 'udsv', 'tokenize', 'floor', 'floor-keep', 'ingest', 'ingest-stream', 'pipeline', 'workbook', 'duckdb', 'aggregates', 'render'];
/** Stages that read the whole practice (a folder of canonical CSVs), not one file. */
export const PRACTICE_STAGES: readonly StageName[] = ['pipeline', 'workbook', 'duckdb', 'aggregates'];
/** Where the `aggregates` stage saves the pipeline's result and the `render` stage reads it. */
export const SAVED_AGGREGATES = 'aggregates.v8';
export const PRACTICE_FILES = ['charges.csv', 'transactions.csv', 'appointments.csv'] as const;

export interface StageResult {
  readonly stage: StageName;
  /** Data rows (papaparse/udsv) or rowsRead (ingest), header excluded. */
  readonly rows: number;
  readonly bytes: number;
  readonly seconds: number;
  /** CPU time (user + system) the stage used: less disturbed than wall time on a busy machine. */
  readonly cpuSeconds: number;
  /** RSS after loading modules, before reading the file. */
  readonly baselineRssBytes: number;
  /** The process's peak RSS (getrusage maxrss), which includes the baseline. */
  readonly peakRssBytes: number;
  readonly detail?: Record<string, unknown> | undefined;
}

const CHUNK = 1 << 20;

/** Papa.parse on a Node read stream, one callback per row: the simplest streaming use. */
function papaStep(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    Papa.parse(createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK }) as unknown as File, {
      step: () => {
        rows++;
      },
      complete: () => resolve(rows - 1),
      error: (e: Error) => reject(e),
    });
  });
}

/** Papa.parse on a Node read stream, one callback per parsed chunk of rows (papaparse's fast streaming path). */
function papaChunk(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    Papa.parse<string[]>(createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK }) as unknown as File, {
      chunkSize: CHUNK,
      chunk: (results) => {
        rows += results.data.length;
      },
      complete: () => resolve(rows - 1),
      error: (e: Error) => reject(e),
    });
  });
}

/** uDSV's incremental API (it has no stream type of its own): decoded chunks in, a counting handler instead of accumulation. */
async function udsv(path: string): Promise<number> {
  let parser: Parser | null = null;
  let rows = 0;
  const count = () => {
    rows++;
  };
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    parser ??= initParser(inferSchema(text));
    parser.chunk<string[]>(text, parser.stringArrs, count);
  }
  const tail = decoder.decode();
  if (parser !== null) {
    if (tail !== '') parser.chunk<string[]>(tail, parser.stringArrs, count);
    parser.end();
  }
  return rows;
}

/** Our import's own parse alone: the file read, decoded and cut into rows (connectors/csv/stream.ts), each row dropped. */
async function tokenize(path: string): Promise<number> {
  let rows = 0;
  await streamDelimited(sourceFromPath(path), () => {
    rows++;
  });
  return rows - 1;
}

/**
 * A reference point, not a product path: papaparse `step` plus the least work that turns a canonical
 * charges row into a ChargeLine-shaped object (money parsed, patient id digested once per patient,
 * lists split), hand-written for this one layout. With `keep` the objects are held like
 * ImportResult.records holds them. It shows what the mapping layer and holding records cost at best.
 */
function floor(path: string, keep: boolean): Promise<{ rows: number; detail: Record<string, unknown> }> {
  const col = (name: (typeof HEADERS.charges)[number]) => HEADERS.charges.indexOf(name);
  const [key, claim, line, service, post, patient, encounter, provId, provName, npi, billId, billNpi, locId, locName, payerId, payerName, payerClass, code, mods, units, amount, dx, pos] =
    HEADERS.charges.map((h) => col(h)) as number[] as [number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number];
  const kept: unknown[] = [];
  const patients = new Map<string, string>();
  let rows = 0;
  let header = true;
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK }) as unknown as File, {
      step: (r) => {
        if (header) {
          header = false;
          return;
        }
        const c = r.data;
        rows++;
        const money = parseMoney(c[amount] ?? '');
        const id = c[patient] ?? '';
        let patientKey = patients.get(id);
        if (patientKey === undefined) {
          patientKey = pseudonymousKey('patient', id);
          patients.set(id, patientKey);
        }
        const modifiers = c[mods] ?? '';
        const record = {
          type: 'charge', key: c[key], lineage: { source: 'charges.csv', line: rows + 1, profile: 'canonical-charges' },
          patientKey, encounterId: c[encounter], renderingProviderId: c[provId], renderingProviderName: c[provName], renderingNpi: c[npi],
          billingProviderId: c[billId], billingNpi: c[billNpi], locationId: c[locId], locationName: c[locName], payerId: c[payerId],
          payerName: c[payerName], payerClass: c[payerClass], claimId: c[claim], lineNumber: c[line], serviceDate: c[service],
          postDate: c[post], procedureCode: c[code], modifiers: modifiers === '' ? [] : modifiers.split(';'), units: Number(c[units]),
          chargeCents: money.ok ? money.value : 0, diagnosisCodes: (c[dx] ?? '').split(';'), placeOfService: c[pos],
        };
        if (keep) kept.push(record);
      },
      complete: () => resolve({ rows, detail: { recordsHeld: kept.length } }),
      error: (e: Error) => reject(e),
    });
  });
}

/** Our full ingest: detect, decode, parse, map through the profile, validate, canonical records. */
async function ingest(path: string): Promise<{ rows: number; detail: Record<string, unknown> }> {
  const source: SourceFile = {
    name: basename(path),
    size: statSync(path).size,
    async *chunks() {
      for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) yield chunk as Uint8Array;
    },
  };
  const result = await importSource(source);
  return {
    rows: result.rowsRead,
    detail: {
      format: result.format,
      profile: result.profile,
      recordsImported: result.recordsImported,
      rowsRejected: result.rowsRejected,
      recordsHeld: result.records.length,
      issues: result.issues.length,
      firstIssue: result.issues[0]?.message,
    },
  };
}

/** Our ingest with records streamed to a counter (ImportOptions.onRecords), none kept. */
async function ingestStream(path: string): Promise<{ rows: number; detail: Record<string, unknown> }> {
  let records = 0;
  const result = await importSource(sourceFromPath(path), { onRecords: (batch) => (records += batch.length) });
  return { rows: result.rowsRead, detail: { recordsImported: result.recordsImported, rowsRejected: result.rowsRejected, recordsStreamed: records, recordsHeld: result.records.length, issues: result.issues.length } };
}

const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** The practice's files imported with their records streamed into the KPI aggregation (practice build's path for large inputs). */
async function pipeline(dir: string, then: 'nothing' | 'workbook' | 'save'): Promise<{ rows: number; detail: Record<string, unknown> }> {
  (globalThis as { gc?: () => void }).gc?.();
  const heapAtStart = process.memoryUsage().heapUsed;
  const aggregator = createAggregator();
  let rows = 0;
  const t0 = process.hrtime.bigint();
  for (const name of PRACTICE_FILES) {
    const result = await importSource(sourceFromPath(join(dir, name)), { onRecords: aggregator.sink(name) });
    rows += result.rowsRead;
    aggregator.addResult(result);
  }
  const importSeconds = since(t0);
  // What the aggregation holds once every record has streamed through (live heap after a full GC).
  (globalThis as { gc?: () => void }).gc?.();
  const heapHeldBytes = process.memoryUsage().heapUsed - heapAtStart;
  const t1 = process.hrtime.bigint();
  const { dataset, aggregates } = aggregator.finish();
  const aggregateSeconds = since(t1);
  const m = aggregates.facts.reduce(
    (a, f) => ({ chargeCents: a.chargeCents + f.measures.chargeCents, paymentCents: a.paymentCents + f.measures.paymentCents, appointments: a.appointments + f.measures.appointments }),
    { chargeCents: 0, paymentCents: 0, appointments: 0 },
  );
  const detail: Record<string, unknown> = { importSeconds, aggregateSeconds, heapHeldBytes, facts: aggregates.facts.length, aging: aggregates.aging.length, distinct: aggregates.distinct.length, totals: m };
  if (then === 'workbook') {
    const t2 = process.hrtime.bigint();
    const plan = buildKpiWorkbook(dataset, { generatedBy: 'Practice Workbench bench' }, aggregates);
    detail.planSeconds = since(t2);
    const t3 = process.hrtime.bigint();
    const bytes = await renderXlsx(plan);
    detail.renderSeconds = since(t3);
    detail.xlsxBytes = bytes.byteLength;
  }
  if (then === 'save') {
    const saved = serialize({ dataset, aggregates });
    writeFileSync(join(dir, SAVED_AGGREGATES), saved);
    detail.savedBytes = saved.byteLength;
  }
  return { rows, detail };
}

/**
 * The KPI workbook from saved aggregates to bytes on disk (issue 9's "written" figure): plan
 * building, rendering and the file write, each timed. Loading the saved file comes before the clock.
 */
async function renderSaved(dir: string): Promise<{ rows: number; detail: Record<string, unknown> }> {
  const { dataset, aggregates } = deserialize(readFileSync(join(dir, SAVED_AGGREGATES))) as { dataset: Dataset; aggregates: Aggregates };
  (globalThis as { gc?: () => void }).gc?.();
  const loadedRssBytes = process.memoryUsage().rss;
  const t0 = process.hrtime.bigint();
  const plan = buildKpiWorkbook(dataset, { generatedBy: 'Practice Workbench bench' }, aggregates);
  const planSeconds = since(t0);
  const t1 = process.hrtime.bigint();
  const bytes = await renderXlsx(plan);
  const renderSeconds = since(t1);
  const t2 = process.hrtime.bigint();
  writeFileSync(join(dir, 'kpi.xlsx'), bytes);
  const writeSeconds = since(t2);
  const rows = aggregates.facts.length + aggregates.aging.length + aggregates.distinct.length;
  return {
    rows,
    detail: { planSeconds, renderSeconds, writeSeconds, loadedRssBytes, xlsxBytes: bytes.byteLength, facts: aggregates.facts.length, aging: aggregates.aging.length, distinct: aggregates.distinct.length },
  };
}

/** The same practice read and grouped by embedded DuckDB (core/aggregate/sql.ts: read_csv + GROUP BY). */
async function duckdb(dir: string): Promise<{ rows: number; detail: Record<string, unknown> }> {
  const facts = await duckdbFacts({ charges: join(dir, 'charges.csv'), transactions: join(dir, 'transactions.csv'), appointments: join(dir, 'appointments.csv') });
  const sum = (m: 'chargeCents' | 'paymentCents' | 'appointments') => facts.reduce((n, f) => n + (f.measures[m] ?? 0), 0);
  const lines = facts.reduce((n, f) => n + (f.measures.chargeLines ?? 0), 0);
  return { rows: lines, detail: { facts: facts.length, totals: { chargeCents: sum('chargeCents'), paymentCents: sum('paymentCents'), appointments: sum('appointments') }, note: 'rows = charge lines grouped' } };
}

export async function runStage(stage: StageName, path: string): Promise<StageResult> {
  (globalThis as { gc?: () => void }).gc?.();
  const baselineRssBytes = process.memoryUsage().rss;
  const bytes = PRACTICE_STAGES.includes(stage)
    ? PRACTICE_FILES.reduce((n, f) => n + statSync(join(path, f)).size, 0)
    : statSync(stage === 'render' ? join(path, SAVED_AGGREGATES) : path).size;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let rows: number;
  let detail: Record<string, unknown> | undefined;
  switch (stage) {
    case 'papaparse-step':
      rows = await papaStep(path);
      break;
    case 'papaparse-chunk':
      rows = await papaChunk(path);
      break;
    case 'udsv':
      rows = await udsv(path);
      break;
    case 'tokenize':
      rows = await tokenize(path);
      break;
    case 'floor':
    case 'floor-keep':
      ({ rows, detail } = await floor(path, stage === 'floor-keep'));
      break;
    case 'ingest':
      ({ rows, detail } = await ingest(path));
      break;
    case 'ingest-stream':
      ({ rows, detail } = await ingestStream(path));
      break;
    case 'pipeline':
      ({ rows, detail } = await pipeline(path, 'nothing'));
      break;
    case 'workbook':
      ({ rows, detail } = await pipeline(path, 'workbook'));
      break;
    case 'aggregates':
      ({ rows, detail } = await pipeline(path, 'save'));
      break;
    case 'render':
      ({ rows, detail } = await renderSaved(path));
      break;
    case 'duckdb':
      ({ rows, detail } = await duckdb(path));
      break;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // maxRSS is in kilobytes (KiB) on Linux and macOS.
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  return { stage, rows, bytes, seconds, cpuSeconds, baselineRssBytes, peakRssBytes, detail };
}

const [stage, path] = process.argv.slice(2);
if (stage !== undefined && path !== undefined && import.meta.url.endsWith(basename(process.argv[1] ?? ''))) {
  if (!(STAGES as readonly string[]).includes(stage)) {
    console.error(`unknown stage ${stage}`);
    process.exit(1);
  }
  const result = await runStage(stage as StageName, path);
  process.stdout.write(JSON.stringify(result) + '\n');
}
