/**
 * The demo practice's claims and remittances as X12: one 837P file per month of submissions (one
 * transaction per submission day, so BHT04 is the day the claims went out) and one 835 file per
 * month of payments (one transaction per payment run: one EFT or check of one payer on one day).
 * Balanced exactly as the 835 guide requires (line, claim, transaction), so the files read back
 * through connectors/x12 without a balancing issue. Patient names are placeholders; member ids are
 * the practice's account numbers (fictional).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cents } from '../../core/money';
import { monthOf, type CalendarDate } from '../../core/period';
import { paymentBatches, type Adjudication, type DemoClaim, type DemoModel, type LineAdjudication, type PaymentBatch } from './model';
import type { PayerDef } from './practice';

export interface WrittenX12File {
  readonly path: string;
  readonly kind: '835' | '837p';
  readonly transactions: number;
  readonly claims: number;
  readonly bytes: number;
}

const TERMINATOR = '~\n';

/** `12345` → "123.45", `-5` → "-0.05": X12 decimal amounts. */
function amount(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const rest = abs % 100;
  return rest === 0 ? `${sign}${whole}` : `${sign}${whole}.${String(rest).padStart(2, '0')}`;
}

const x12Date = (date: CalendarDate) => date.replaceAll('-', '');
const pad = (text: string, width: number) => text.slice(0, width).padEnd(width, ' ');

/** Claim filing indicator of a demo payer (837 SBR09, 835 CLP06). */
export function filingIndicator(payer: PayerDef): string {
  switch (payer.plan) {
    case 'medicare':
      return 'MB';
    case 'medicare_advantage':
      return '16';
    case 'medicaid':
    case 'medicaid_managed':
      return 'MC';
    case 'self_pay':
      return '09';
    default:
      return 'CI';
  }
}

function interchange(sender: string, receiver: string, date: CalendarDate, control: number, functional: 'HC' | 'HP', version: string, transactions: string[][]): string {
  const isa13 = String(control).padStart(9, '0');
  const yymmdd = x12Date(date).slice(2);
  const segments = [
    `ISA*00*${pad('', 10)}*00*${pad('', 10)}*ZZ*${pad(sender, 15)}*ZZ*${pad(receiver, 15)}*${yymmdd}*1200*^*00501*${isa13}*0*P*:`,
    `GS*${functional}*${sender}*${receiver}*${x12Date(date)}*1200*${control}*X*${version}`,
  ];
  for (const t of transactions) segments.push(...t);
  segments.push(`GE*${transactions.length}*${control}`, `IEA*1*${isa13}`);
  return segments.join(TERMINATOR) + TERMINATOR;
}

/** Closes a transaction: ST first, SE with the segment count (ST and SE included). */
function transaction(setId: string, control: string, version: string, body: string[]): string[] {
  const segments = [`ST*${setId}*${control}*${version}`, ...body];
  segments.push(`SE*${segments.length + 1}*${control}`);
  return segments;
}

/** The 837P transaction of one submission day: billing provider, then one subscriber loop per claim. */
function claimsOfDay(model: DemoModel, day: CalendarDate, claims: readonly DemoClaim[], control: string): string[] {
  const practice = model.practice;
  const bp = practice.billingProvider;
  const providers = new Map(practice.providers.map((p) => [p.providerId, p]));
  const payers = new Map(practice.payers.map((p) => [p.payerId, p]));
  const body = [
    `BHT*0019*00*${control}*${x12Date(day)}*1200*CH`,
    `NM1*41*2*${practice.name.toUpperCase()}*****46*${bp.taxId}`,
    'PER*IC*BILLING OFFICE*TE*5555550100',
    'NM1*40*2*DEMO CLEARINGHOUSE*****46*DEMOCH',
    'HL*1**20*1',
    `NM1*85*2*${bp.name.toUpperCase()}*****XX*${bp.npi}`,
    'N3*100 MAPLE HOLLOW RD',
    'N4*SPRINGFIELD*IL*62701',
    `REF*EI*${bp.taxId}`,
  ];
  let hl = 1;
  for (const claim of claims) {
    const payer = payers.get(claim.payerId);
    if (payer === undefined) continue;
    hl += 1;
    const rendering = providers.get(claim.renderingProviderId);
    const total = claim.lines.reduce((sum, l) => sum + l.chargeCents, 0);
    const diagnoses = claim.diagnosisCodes.map((code, i) => `${i === 0 ? 'ABK' : 'ABF'}:${code.replace('.', '')}`);
    body.push(
      `HL*${hl}*1*22*0`,
      `SBR*P*18*******${filingIndicator(payer)}`,
      `NM1*IL*1*PATIENT*DEMO****MI*${claim.patientId}`,
      `NM1*PR*2*${payer.name.toUpperCase()}*****PI*${payer.payerId}`,
      `CLM*${claim.claimId}*${amount(total)}***${claim.placeOfService}:B:1*Y*A*Y*Y`,
    );
    if (diagnoses.length > 0) body.push(`HI*${diagnoses.join('*')}`);
    if (rendering !== undefined) body.push(`NM1*82*1*${rendering.lastName.toUpperCase()}*${rendering.firstName.toUpperCase()}****XX*${rendering.npi}`);
    for (const line of claim.lines) {
      const code = ['HC', line.procedureCode, ...line.modifiers].join(':');
      const pointers = line.diagnosisCodes
        .map((d) => claim.diagnosisCodes.indexOf(d) + 1)
        .filter((p) => p > 0)
        .slice(0, 4);
      body.push(
        `LX*${line.lineNumber}`,
        `SV1*${code}*${amount(line.chargeCents)}*UN*${line.units}***${pointers.join(':')}`,
        `DTP*472*D8*${x12Date(claim.serviceDate)}`,
        `REF*6R*${claim.claimId}-${line.lineNumber}`,
      );
    }
  }
  return transaction('837', control, '005010X222A1', body);
}

/** CAS segments of a line: one per group, up to six reason/amount triples each. */
function casSegments(line: LineAdjudication): string[] {
  const byGroup = new Map<string, string[]>();
  for (const a of line.adjustments) {
    if (a.amountCents === 0) continue;
    const list = byGroup.get(a.group) ?? [];
    list.push(`${a.carc}*${amount(a.amountCents)}*`);
    byGroup.set(a.group, list);
  }
  const out: string[] = [];
  for (const [group, triples] of byGroup) {
    for (let i = 0; i < triples.length; i += 6) out.push(`CAS*${group}*${triples.slice(i, i + 6).join('*').replace(/\*+$/, '')}`);
  }
  return out;
}

/** The 835 transaction of one payment run. */
function remittance(model: DemoModel, batch: PaymentBatch, control: string, claimsById: ReadonlyMap<string, DemoClaim>): string[] {
  const practice = model.practice;
  const payer = practice.payers.find((p) => p.payerId === batch.payerId);
  const providers = new Map(practice.providers.map((p) => [p.providerId, p]));
  const method = batch.method === 'EFT' ? 'ACH*CCP*01*999999999*DA*1234567890*1999999999**01*888888888*DA*9876543210' : 'CHK***********';
  const body = [
    `BPR*I*${amount(batch.amountCents)}*C*${method}*${x12Date(batch.paidOn)}`,
    `TRN*1*${batch.paymentId}*1${practice.billingProvider.taxId}`,
    `DTM*405*${x12Date(batch.paidOn)}`,
    `N1*PR*${(payer?.name ?? 'PAYER').toUpperCase()}`,
    'N3*1 PAYER PLAZA',
    'N4*SPRINGFIELD*IL*62702',
    `REF*2U*${batch.payerId}`,
    `N1*PE*${practice.billingProvider.name.toUpperCase()}*XX*${practice.billingProvider.npi}`,
    `REF*TJ*${practice.billingProvider.taxId}`,
    'LX*1',
  ];
  for (const a of batch.adjudications) body.push(...claimPayment(a, payer, claimsById.get(a.claimId), providers));
  return transaction('835', control, '005010X221A1', body);
}

function claimPayment(
  a: Adjudication,
  payer: PayerDef | undefined,
  claim: DemoClaim | undefined,
  providers: ReadonlyMap<string, { npi: string; lastName: string; firstName: string }>,
): string[] {
  const charge = a.lines.reduce((s, l) => s + l.chargeCents, 0);
  const paid = a.lines.reduce((s, l) => s + l.paidCents, 0);
  const patient = a.lines.reduce((s, l) => s + l.patientResponsibilityCents, 0);
  const rendering = claim === undefined ? undefined : providers.get(claim.renderingProviderId);
  const out = [
    `CLP*${a.claimId}*${a.claimStatus}*${amount(charge)}*${amount(paid)}*${patient === 0 ? '' : amount(patient)}*${payer === undefined ? 'ZZ' : filingIndicator(payer)}*${a.payerClaimControlNumber}*${claim?.placeOfService ?? '11'}*1`,
    `NM1*QC*1*PATIENT*DEMO****MI*${claim?.patientId ?? ''}`.replace(/\*MI\*$/, ''),
  ];
  if (rendering !== undefined) out.push(`NM1*82*1*${rendering.lastName.toUpperCase()}*${rendering.firstName.toUpperCase()}****XX*${rendering.npi}`);
  if (claim !== undefined) out.push(`DTM*050*${x12Date(claim.postDate)}`);
  for (const line of a.lines) {
    const code = ['HC', line.procedureCode, ...line.modifiers].join(':');
    out.push(`SVC*${code}*${amount(line.chargeCents)}*${amount(line.paidCents)}**${line.units}`);
    if (claim !== undefined) out.push(`DTM*472*${x12Date(claim.serviceDate)}`);
    out.push(...casSegments(line), `REF*6R*${a.claimId}-${line.lineNumber}`);
    if (line.allowedCents > 0) out.push(`AMT*B6*${amount(line.allowedCents)}`);
  }
  return out;
}

/** 837P files by month of submission: { "2026-10": text }. Self-pay claims are not billed to a payer and are left out. */
export function demo837pFiles(model: DemoModel): Map<string, { text: string; transactions: number; claims: number }> {
  const billable = new Set(model.practice.payers.filter((p) => p.plan !== 'self_pay').map((p) => p.payerId));
  const byDay = new Map<CalendarDate, DemoClaim[]>();
  for (const claim of model.claims) {
    if (!billable.has(claim.payerId)) continue;
    const list = byDay.get(claim.postDate) ?? [];
    list.push(claim);
    byDay.set(claim.postDate, list);
  }
  const byMonth = new Map<string, CalendarDate[]>();
  for (const day of [...byDay.keys()].sort()) {
    const list = byMonth.get(monthOf(day)) ?? [];
    list.push(day);
    byMonth.set(monthOf(day), list);
  }
  const out = new Map<string, { text: string; transactions: number; claims: number }>();
  let control = 0;
  for (const [month, days] of byMonth) {
    control += 1;
    const transactions = days.map((day, i) => claimsOfDay(model, day, byDay.get(day) ?? [], String(i + 1).padStart(4, '0')));
    const claims = days.reduce((s, d) => s + (byDay.get(d)?.length ?? 0), 0);
    out.set(month, { text: interchange('DEMOCLINIC', 'DEMOCH', days[0] as CalendarDate, control, 'HC', '005010X222A1', transactions), transactions: days.length, claims });
  }
  return out;
}

/** 835 files by month of payment: { "2026-10": text }, one transaction per payment run. */
export function demo835Files(model: DemoModel): Map<string, { text: string; transactions: number; claims: number }> {
  const claimsById = new Map(model.claims.map((c) => [c.claimId, c]));
  const byMonth = new Map<string, PaymentBatch[]>();
  for (const batch of paymentBatches(model.claims)) {
    const list = byMonth.get(monthOf(batch.paidOn)) ?? [];
    list.push(batch);
    byMonth.set(monthOf(batch.paidOn), list);
  }
  const out = new Map<string, { text: string; transactions: number; claims: number }>();
  let control = 500;
  for (const [month, batches] of [...byMonth.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    control += 1;
    const transactions = batches.map((b, i) => remittance(model, b, String(i + 1).padStart(4, '0'), claimsById));
    const claims = batches.reduce((s, b) => s + b.adjudications.length, 0);
    out.set(month, { text: interchange('DEMOPAYERS', 'DEMOCLINIC', (batches[0] as PaymentBatch).paidOn, control, 'HP', '005010X221A1', transactions), transactions: batches.length, claims });
  }
  return out;
}

/** Writes DIR/837p-YYYY-MM.837 and DIR/835-YYYY-MM.835 for every month with claims or payments. */
export function writeDemoX12(model: DemoModel, dir: string): WrittenX12File[] {
  mkdirSync(dir, { recursive: true });
  const written: WrittenX12File[] = [];
  for (const [kind, files] of [
    ['837p', demo837pFiles(model)],
    ['835', demo835Files(model)],
  ] as const) {
    for (const [month, file] of files) {
      const path = join(dir, `${kind}-${month}.${kind === '837p' ? '837' : '835'}`);
      writeFileSync(path, file.text);
      written.push({ path, kind, transactions: file.transactions, claims: file.claims, bytes: Buffer.byteLength(file.text) });
    }
  }
  return written;
}
