/**
 * Puts the demo practice on disk: the canonical CSV layout, the PM-report variant and a README.
 * The only demo module that touches the file system. `generateLarge` streams a bench-sized export
 * through the same simulation without holding its rows.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { DemoModel, DemoOptions, DemoTransaction } from './generate';
import { DEMO_DEFAULTS, simulate } from './generate';
import { buildPractice } from './practice';
import {
  HEADERS,
  README_TEXT,
  appointmentRow,
  chargeRow,
  chargesReportRow,
  csvLine,
  encounterRow,
  lookups,
  reportLine,
  transactionRow,
} from './rows';

/** A text file written through a large in-memory buffer, waiting for the disk when it falls behind. */
export class BufferedFile {
  private readonly stream: WriteStream;
  private parts: string[] = [];
  private pending = 0;
  private written = 0;
  rows = 0;

  constructor(
    readonly path: string,
    private readonly bufferChars = 1 << 20,
  ) {
    this.stream = createWriteStream(path);
  }

  /** Appends text; resolves at once unless the buffer was handed to a busy disk. */
  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= this.bufferChars) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.pending = 0;
    this.written += chunk.byteLength;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  /** Flushes and closes; resolves with the bytes written. */
  async close(): Promise<number> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
    return this.written;
  }
}

export interface WrittenFile {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
}

async function writeTable(path: string, header: readonly string[], rows: Iterable<readonly string[]>, eol = '\n'): Promise<WrittenFile> {
  const file = new BufferedFile(path);
  await file.write(csvLine(header, eol));
  let count = 0;
  for (const row of rows) {
    await file.write(csvLine(row, eol));
    count++;
  }
  return { path, rows: count, bytes: await file.close() };
}

/** Writes the demo practice's exports into `dir` (created if needed). Same model → same bytes. */
export async function writeDemo(model: DemoModel, dir: string): Promise<WrittenFile[]> {
  mkdirSync(join(dir, 'pm-report'), { recursive: true });
  const l = lookups(model.practice);
  const claimById = new Map(model.claims.map((c) => [c.claimId, c]));
  const claimOf = (id: string) => {
    const c = claimById.get(id);
    if (c === undefined) throw new RangeError(`transaction for unknown claim ${id}`);
    return c;
  };
  const out: WrittenFile[] = [];
  out.push(await writeTable(join(dir, 'charges.csv'), HEADERS.charges, (function* () {
    for (const c of model.claims) for (const line of c.lines) yield chargeRow(c, line, l);
  })()));
  out.push(await writeTable(join(dir, 'transactions.csv'), HEADERS.transactions, model.transactions.map((t) => transactionRow(claimOf(t.claimId), t, l))));
  out.push(await writeTable(join(dir, 'appointments.csv'), HEADERS.appointments, model.appointments.map((a) => appointmentRow(a, l))));
  out.push(await writeTable(join(dir, 'encounters.csv'), HEADERS.encounters, model.encounters.map((e) => encounterRow(e, l))));
  out.push(await writeTable(join(dir, 'providers.csv'), HEADERS.providers, model.practice.providers.map((p) => [p.providerId, p.name, p.npi, p.specialty])));
  out.push(await writeTable(join(dir, 'payers.csv'), HEADERS.payers, model.practice.payers.map((p) => [p.payerId, p.name, p.payerClass])));
  out.push(await writeTable(join(dir, 'locations.csv'), HEADERS.locations, model.practice.locations.map((x) => [x.locationId, x.name])));

  // The PM report: UTF-8 with a BOM, CRLF line ends and every field quoted, as Windows PM systems write it.
  const postings = new Map<string, DemoTransaction[]>();
  for (const t of model.transactions) {
    const k = `${t.claimId}\u0000${t.lineNumber}`;
    const list = postings.get(k);
    if (list === undefined) postings.set(k, [t]);
    else list.push(t);
  }
  const report = new BufferedFile(join(dir, 'pm-report', 'charges_report.csv'));
  await report.write('\ufeff' + reportLine(HEADERS.chargesReport));
  for (const c of model.claims) {
    for (const line of c.lines) {
      await report.write(reportLine(chargesReportRow(c, line, postings.get(`${c.claimId}\u0000${line.lineNumber}`) ?? [], l)));
      report.rows++;
    }
  }
  out.push({ path: report.path, rows: report.rows, bytes: await report.close() });

  const summary = [
    `Seed ${model.options.seed}; ${model.options.months} months of history from ${model.firstDay} to ${model.asOf} (the export date).`,
    `${model.practice.providers.length} providers, ${model.practice.locations.length} locations, ${model.practice.payers.length} payers.`,
    ...out.map((f) => `  ${f.path.slice(dir.length + 1).replaceAll('\\', '/')}: ${f.rows} rows`),
  ].join('\n');
  const readme = new BufferedFile(join(dir, 'README.txt'));
  await readme.write(README_TEXT(model.practice, summary));
  out.push({ path: readme.path, rows: 0, bytes: await readme.close() });
  return out;
}

export interface LargeOptions {
  /** Exactly this many charge lines are written. */
  readonly chargeLines: number;
  readonly outDir: string;
  readonly seed?: number | undefined;
  readonly endMonth?: string | undefined;
  /** Also write transactions.csv (default true); the bench reads only the charges. */
  readonly transactions?: boolean | undefined;
  /** Also write appointments.csv, the appointments of the same days (default false). */
  readonly appointments?: boolean | undefined;
}

export interface LargeResult {
  readonly charges: WrittenFile;
  readonly transactions?: WrittenFile | undefined;
  readonly appointments?: WrittenFile | undefined;
  readonly providers: number;
}

/**
 * A bench-sized export in the canonical charges and transactions layout: a large multi-site group
 * (about 4,000 lines per provider over 24 months) simulated day by day and streamed to disk, so
 * memory stays flat however many lines are asked for. Writes exactly `chargeLines` charge lines and
 * the ledger rows of those lines.
 */
export async function generateLarge(options: LargeOptions): Promise<LargeResult> {
  const { chargeLines, outDir } = options;
  if (!Number.isInteger(chargeLines) || chargeLines < 1) throw new RangeError(`chargeLines must be a positive integer: ${chargeLines}`);
  mkdirSync(outDir, { recursive: true });
  const providers = Math.min(400, Math.max(1, Math.ceil(chargeLines / 4000)));
  let months = 24;
  // More lines than 400 providers make in two years: extend the history instead.
  if (chargeLines > 400 * 4000) months = Math.ceil((24 * chargeLines) / (400 * 4000)) + 1;
  const demo: DemoOptions = { seed: options.seed ?? DEMO_DEFAULTS.seed, months, providers, endMonth: options.endMonth ?? DEMO_DEFAULTS.endMonth };
  const practice = buildPractice({ seed: demo.seed, providers, locations: Math.max(2, Math.ceil(providers / 6)) });
  const l = lookups(practice);
  const charges = new BufferedFile(join(outDir, 'charges.csv'));
  const transactions = options.transactions === false ? undefined : new BufferedFile(join(outDir, 'transactions.csv'));
  await charges.write(csvLine(HEADERS.charges));
  await transactions?.write(csvLine(HEADERS.transactions));
  const appointments = options.appointments === true ? new BufferedFile(join(outDir, 'appointments.csv')) : undefined;
  await appointments?.write(csvLine(HEADERS.appointments));
  let remaining = chargeLines;
  const sim = simulate(practice, demo);
  outer: for (const day of sim.days()) {
    if (appointments !== undefined)
      for (const a of day.appointments) {
        await appointments.write(csvLine(appointmentRow(a, l)));
        appointments.rows++;
      }
    const txByClaim = new Map<string, DemoTransaction[]>();
    if (transactions !== undefined) for (const t of day.transactions) {
      const list = txByClaim.get(t.claimId);
      if (list === undefined) txByClaim.set(t.claimId, [t]);
      else list.push(t);
    }
    for (const claim of day.claims) {
      const take = Math.min(remaining, claim.lines.length);
      for (let i = 0; i < take; i++) {
        const line = claim.lines[i];
        if (line === undefined) continue;
        await charges.write(csvLine(chargeRow(claim, line, l)));
        charges.rows++;
      }
      if (transactions !== undefined) {
        for (const t of txByClaim.get(claim.claimId) ?? []) {
          if (t.lineNumber > take) continue;
          await transactions.write(csvLine(transactionRow(claim, t, l)));
          transactions.rows++;
        }
      }
      remaining -= take;
      if (remaining === 0) break outer;
    }
  }
  if (remaining > 0) throw new Error(`the simulation produced ${chargeLines - remaining} of ${chargeLines} lines`);
  const chargeBytes = await charges.close();
  const transactionBytes = await transactions?.close();
  const appointmentBytes = await appointments?.close();
  return {
    charges: { path: charges.path, rows: charges.rows, bytes: chargeBytes },
    transactions: transactions === undefined ? undefined : { path: transactions.path, rows: transactions.rows, bytes: transactionBytes ?? 0 },
    appointments: appointments === undefined ? undefined : { path: appointments.path, rows: appointments.rows, bytes: appointmentBytes ?? 0 },
    providers,
  };
}
