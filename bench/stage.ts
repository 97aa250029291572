/**
 * One bench stage in its own process, so each peak RSS is that stage's alone:
 *   node --expose-gc --import tsx bench/stage.ts <papaparse-step|papaparse-chunk|udsv|floor|floor-keep|ingest> FILE
 * Prints one JSON line: { stage, rows, bytes, seconds, baselineRssBytes, peakRssBytes, ... }.
 */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { initParser, inferSchema, type Parser } from 'udsv';
import { HEADERS } from '../cli/demo/rows';
import { importSource } from '../connectors/index';
import type { SourceFile } from '../connectors/source';
import { parseMoney } from '../core/money';
import { pseudonymousKey } from '../core/privacy';

export type StageName = 'papaparse-step' | 'papaparse-chunk' | 'udsv' | 'floor' | 'floor-keep' | 'ingest';
export const STAGES: readonly StageName[] = ['papaparse-step', 'papaparse-chunk', 'udsv', 'floor', 'floor-keep', 'ingest'];

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

export async function runStage(stage: StageName, path: string): Promise<StageResult> {
  (globalThis as { gc?: () => void }).gc?.();
  const baselineRssBytes = process.memoryUsage().rss;
  const bytes = statSync(path).size;
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
    case 'floor':
    case 'floor-keep':
      ({ rows, detail } = await floor(path, stage === 'floor-keep'));
      break;
    case 'ingest':
      ({ rows, detail } = await ingest(path));
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
