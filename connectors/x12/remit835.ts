/**
 * X12 835 (health care claim payment/advice, 5010 005010X221A1 and 4010 004010X091A1) →
 * RemitClaim, RemitLine and ProviderAdjustment records, balanced as the implementation guide
 * defines it:
 *   line         SVC02 − Σ line CAS = SVC03
 *   claim        CLP03 − Σ (claim CAS + line CAS) = CLP04
 *   transaction  Σ CLP04 − Σ PLB = BPR02
 * Each failure is an issue naming interchange (ISA13), transaction (ST02), claim (CLP01) and segment.
 *
 * Patients leave only as pseudonymous keys: names in NM1*QC/IL/74 are never read.
 */
import { formatCents, type Cents } from '../../core/money';
import { messages } from '../../core/messages';
import type { Adjustment, CanonicalRecord, PayerClass, ProviderAdjustment, RemitClaim, RemitLine } from '../../core/model';
import type { CalendarDate } from '../../core/period';
import { pseudonymousKey } from '../../core/privacy';
import type { TransactionContext, TransactionReader, TransactionSet } from './envelope';
import { payerClassOfFilingIndicator } from './filing-indicator';
import {
  checkLength,
  codeOf,
  composite,
  element,
  INVALID,
  readDate,
  readMoney,
  readNumber,
  qualifierCode,
  requireElement,
  unknownQualifier,
  type Reporter,
} from './report';
import type { Segment } from './tokenizer';

export const PROFILE_835 = 'x12-835';

/** Totals of an 835 file for `practice inspect` (ImportResult.extraSummary). */
export interface Remit835Summary {
  transactions: number;
  claims: number;
  reversals: number;
  serviceLines: number;
  /** Σ CLP03. */
  chargeCents: Cents;
  /** Σ CLP04. */
  paidCents: Cents;
  /** Σ CLP05. */
  patientResponsibilityCents: Cents;
  /** Σ CAS amounts (claim and line level) by group code. */
  adjustmentCentsByGroup: Record<string, Cents>;
  /** Σ PLB amounts as signed in the file (positive reduces the payment). */
  providerAdjustmentCents: Cents;
  /** Σ BPR02. */
  totalPaymentCents: Cents;
}

export function emptyRemit835Summary(): Remit835Summary {
  return {
    transactions: 0,
    claims: 0,
    reversals: 0,
    serviceLines: 0,
    chargeCents: 0,
    paidCents: 0,
    patientResponsibilityCents: 0,
    adjustmentCentsByGroup: {},
    providerAdjustmentCents: 0,
    totalPaymentCents: 0,
  };
}

/** Segment codes the reader dispatches on: segmentCode(id) as literals, so the switch compares integers. */
const C = {
  BPR: 0x425052,
  TRN: 0x54524e,
  N1: 0x4e3100,
  REF: 0x524546,
  DTM: 0x44544d,
  LX: 0x4c5800,
  TS3: 0x545333,
  TS2: 0x545332,
  CLP: 0x434c50,
  CAS: 0x434153,
  NM1: 0x4e4d31,
  MIA: 0x4d4941,
  MOA: 0x4d4f41,
  AMT: 0x414d54,
  SVC: 0x535643,
  LQ: 0x4c5100,
  PLB: 0x504c42,
} as const;

/** CAS01 group codes; each adjustment shares the one string of its group. */
const CAS_GROUPS = ['CO', 'PR', 'OA', 'PI', 'CR'] as const;
/** Position in CAS_GROUPS by qualifierCode. */
const CAS_GROUP_INDEX = new Map(CAS_GROUPS.map((group, i) => [codeOf(group), i]));
/** Segments of the 835 this reader knows; the ones without a case below are structure only. */
const KNOWN = new Set([
  'BPR', 'TRN', 'CUR', 'REF', 'DTM', 'N1', 'N2', 'N3', 'N4', 'PER', 'RDM', 'LX', 'TS3', 'TS2',
  'CLP', 'CAS', 'NM1', 'MIA', 'MOA', 'AMT', 'QTY', 'SVC', 'LQ', 'PLB',
]);
/** Qualifier sets by qualifierCode. */
const codes = (list: readonly string[]) => new Set(list.map(codeOf));
const CLAIM_AMOUNTS = codes(['AU', 'D8', 'DY', 'F5', 'I', 'NL', 'T', 'T2', 'ZK', 'ZL', 'ZM', 'ZN', 'ZO', 'B6', 'C5', 'D', 'KH']);
const LINE_AMOUNTS = codes(['B6', 'KH', 'T', 'T2', 'ZK', 'ZL', 'ZM', 'ZN', 'ZO', 'AU', 'D8', 'DY', 'I', 'NL']);
const CLAIM_DATES = codes(['050', '232', '233', '036', '009', '097']);
const LINE_DATES = codes(['472', '150', '151']);
const CLAIM_NAMES = codes(['QC', 'IL', '74', '82', 'TT', 'PR', 'GB']);
const REMARK_QUALIFIERS = codes(['HE', 'RX']);
/** Qualifiers and entity codes the reader acts on, by qualifierCode (named, not numeric, keys: those fold to constants). */
const Q = {
  PR: codeOf('PR'),
  PE: codeOf('PE'),
  XX: codeOf('XX'),
  REF_2U: codeOf('2U'),
  REF_6R: codeOf('6R'),
  DTM_405: codeOf('405'),
  DTM_472: codeOf('472'),
  DTM_150: codeOf('150'),
  DTM_232: codeOf('232'),
  DTM_233: codeOf('233'),
  DTM_050: codeOf('050'),
  QC: codeOf('QC'),
  IL: codeOf('IL'),
  NM1_82: codeOf('82'),
  B6: codeOf('B6'),
  I: codeOf('I'),
} as const;

interface LineDraft {
  readonly index: number;
  readonly position: number;
  readonly qualifier: string | undefined;
  readonly code: string;
  readonly modifiers: string[];
  readonly submittedCode: string | undefined;
  readonly submittedModifiers: string[] | undefined;
  readonly chargeCents: Cents;
  readonly paidCents: Cents;
  readonly units: number;
  readonly revenueCode: string | undefined;
  serviceDate?: CalendarDate | undefined;
  periodFrom?: CalendarDate | undefined;
  allowedCents?: Cents | undefined;
  control?: string | undefined;
  readonly adjustments: Adjustment[];
  readonly remarkCodes: string[];
}

interface ClaimDraft {
  readonly index: number;
  readonly ordinal: number;
  readonly claimId: string;
  readonly status: string;
  readonly chargeCents: Cents;
  readonly paidCents: Cents;
  readonly patientResponsibilityCents: Cents | undefined;
  readonly filingIndicator: string | undefined;
  readonly payerControlNumber: string | undefined;
  readonly placeOfService: string | undefined;
  readonly frequency: string | undefined;
  patientKey?: string | undefined;
  /** NM1*IL member id: the patient's key only when NM1*QC has none (hashed then). */
  insuredId?: string | undefined;
  renderingNpi?: string | undefined;
  serviceDateFrom?: CalendarDate | undefined;
  serviceDateTo?: CalendarDate | undefined;
  receivedDate?: CalendarDate | undefined;
  interestCents?: Cents | undefined;
  allowedCents?: Cents | undefined;
  readonly adjustments: Adjustment[];
  readonly remarkCodes: string[];
  readonly lines: LineDraft[];
}

type Section = 'header' | 'payer' | 'payee' | 'claim' | 'line' | 'skipped-claim' | 'skipped-line' | 'summary';

/** The 835 transaction set: one reader per ST…SE. */
export function remit835(emit: (record: CanonicalRecord) => void, summary: Remit835Summary): TransactionSet {
  return { id: '835', begin: (context, st) => new Remit835Reader(context, st, emit, summary) };
}

class Remit835Reader implements TransactionReader {
  private readonly report: Reporter;
  private section: Section = 'header';
  private paymentCents: Cents | undefined;
  private paymentIndex: number;
  private paymentMethod: string | undefined;
  private paymentId: string | undefined;
  private paymentDate: CalendarDate | undefined;
  private productionDate: CalendarDate | undefined;
  private payerName: string | undefined;
  private payerIdFromN1: string | undefined;
  private payerIdFromRef: string | undefined;
  private payeeNpi: string | undefined;
  private claim: ClaimDraft | undefined;
  private line: LineDraft | undefined;
  private claimOrdinal = 0;
  private plbOrdinal = 0;
  private paidCents: Cents = 0;
  private providerAdjustmentCents: Cents = 0;
  /** False once a CLP, CAS or PLB amount could not be read: the transaction cannot be balanced then. */
  private complete = true;
  /** Σ CAS amounts of this transaction by CAS_GROUPS position, and the positions in the order first seen. */
  private readonly groupCents = new Float64Array(CAS_GROUPS.length);
  private readonly groupOrder: number[] = [];
  private keyPrefix: string | undefined;
  private keyPrefixPaymentId: string | undefined;
  private lastIndicator: string | undefined;
  private lastPayerClass: PayerClass | undefined;

  constructor(
    private readonly context: TransactionContext,
    st: Segment,
    private readonly emit: (record: CanonicalRecord) => void,
    private readonly summary: Remit835Summary,
  ) {
    this.report = context.report;
    this.paymentIndex = st.index;
    summary.transactions += 1;
  }

  segment(s: Segment): boolean {
    if (this.section === 'skipped-claim' || this.section === 'skipped-line') {
      if (s.code !== C.CLP && s.code !== C.LX && s.code !== C.PLB && !(s.code === C.SVC && this.section === 'skipped-line')) {
        if (!KNOWN.has(s.id)) return this.unknown(s);
        this.report.add('x12-parent-skipped', 'warning', messages.x12ParentSkipped(s.id, this.section === 'skipped-claim' ? 'a claim (CLP)' : 'a service line (SVC)'), s.index);
        return false;
      }
    }
    switch (s.code) {
      case C.BPR:
        return this.bpr(s);
      case C.TRN:
        return this.trn(s);
      case C.N1:
        return this.n1(s);
      case C.REF:
        return this.ref(s);
      case C.DTM:
        return this.dtm(s);
      case C.LX:
      case C.TS3:
      case C.TS2:
        this.closeClaim();
        this.section = 'summary';
        return true;
      case C.CLP:
        return this.clp(s);
      case C.CAS:
        return this.cas(s);
      case C.NM1:
        return this.nm1(s);
      case C.MIA:
        return this.remarks(s, [5, 20, 21, 22, 23]);
      case C.MOA:
        return this.remarks(s, [3, 4, 5, 6, 7]);
      case C.AMT:
        return this.amt(s);
      case C.SVC:
        return this.svc(s);
      case C.LQ:
        return this.lq(s);
      case C.PLB:
        return this.plb(s);
      default:
        return KNOWN.has(s.id) ? true : this.unknown(s);
    }
  }

  end(): void {
    this.closeClaim();
    // Into the file's totals in the order groups first appeared (the summary's key order).
    const byGroup = this.summary.adjustmentCentsByGroup;
    for (const g of this.groupOrder) {
      const group = CAS_GROUPS[g] as string;
      byGroup[group] = (byGroup[group] ?? 0) + (this.groupCents[g] ?? 0);
    }
    if (this.paymentCents === undefined || !this.complete) return;
    const expected = this.paidCents - this.providerAdjustmentCents;
    if (expected !== this.paymentCents) {
      this.report.add(
        'x12-balance-transaction',
        'warning',
        messages.x12TransactionUnbalanced(
          `transaction ${this.context.transaction} (interchange ${this.context.interchange})`,
          formatCents(this.paidCents),
          formatCents(this.providerAdjustmentCents),
          formatCents(this.paymentCents),
        ),
        this.paymentIndex,
      );
    }
  }

  private unknown(s: Segment): false {
    this.report.add('x12-segment-unknown', 'warning', messages.x12UnknownSegment(s.id, '835 remittance'), s.index);
    return false;
  }

  private where(claimId: string): string {
    return `claim ${claimId} (interchange ${this.context.interchange}, transaction ${this.context.transaction})`;
  }

  private get payerId(): string | undefined {
    return this.payerIdFromRef ?? this.payerIdFromN1;
  }

  private bpr(s: Segment): boolean {
    checkLength(this.report, s, 21);
    const amount = readMoney(this.report, s, 2, 'total payment');
    if (amount === INVALID || amount === undefined) {
      this.complete = false;
      return false;
    }
    this.paymentCents = amount;
    this.paymentIndex = s.index;
    this.summary.totalPaymentCents += amount;
    this.paymentMethod = element(s, 4);
    const date = readDate(this.report, s, 16);
    if (date !== INVALID && date !== undefined) this.paymentDate = date;
    return true;
  }

  private trn(s: Segment): boolean {
    const trace = requireElement(this.report, s, 2, 'check or EFT trace number');
    if (trace === undefined) return false;
    this.paymentId = trace;
    return true;
  }

  private n1(s: Segment): boolean {
    this.closeClaim();
    const entity = qualifierCode(s, 1);
    if (entity !== Q.PR && entity !== Q.PE) {
      this.section = 'header';
      return unknownQualifier(this.report, s, element(s, 1));
    }
    if (entity === Q.PR) {
      this.section = 'payer';
      this.payerName = element(s, 2);
      this.payerIdFromN1 = element(s, 4);
    } else {
      this.section = 'payee';
      if (element(s, 3) === 'XX') this.payeeNpi = element(s, 4);
    }
    return true;
  }

  private ref(s: Segment): boolean {
    const qualifier = qualifierCode(s, 1);
    if (qualifier === 0) return requireElement(this.report, s, 1, 'reference qualifier') !== undefined;
    if (this.section === 'payer' && qualifier === Q.REF_2U) {
      const value = element(s, 2);
      if (value !== undefined) this.payerIdFromRef = value;
    } else if (this.section === 'line' && qualifier === Q.REF_6R && this.line !== undefined) {
      const value = element(s, 2);
      if (value !== undefined) this.line.control = value;
    }
    return true;
  }

  private dtm(s: Segment): boolean {
    const qualifier = qualifierCode(s, 1);
    const date = readDate(this.report, s, 2);
    if (date === INVALID) return false;
    if (this.section === 'line' && this.line !== undefined) {
      if (!LINE_DATES.has(qualifier)) return unknownQualifier(this.report, s, element(s, 1));
      if (qualifier === Q.DTM_472) this.line.serviceDate = date;
      else if (qualifier === Q.DTM_150) this.line.periodFrom = date;
      return true;
    }
    if (this.section === 'claim' && this.claim !== undefined) {
      if (!CLAIM_DATES.has(qualifier)) return unknownQualifier(this.report, s, element(s, 1));
      if (qualifier === Q.DTM_232) this.claim.serviceDateFrom = date;
      else if (qualifier === Q.DTM_233) this.claim.serviceDateTo = date;
      else if (qualifier === Q.DTM_050) this.claim.receivedDate = date;
      return true;
    }
    if (qualifier !== Q.DTM_405) return unknownQualifier(this.report, s, element(s, 1));
    this.productionDate = date;
    return true;
  }

  private clp(s: Segment): boolean {
    this.closeClaim();
    const claimId = requireElement(this.report, s, 1, 'claim id');
    const status = requireElement(this.report, s, 2, 'claim status');
    const charge = readMoney(this.report, s, 3, 'total charge');
    const paid = readMoney(this.report, s, 4, 'amount paid');
    const patient = readMoney(this.report, s, 5, undefined);
    if (claimId === undefined || status === undefined || charge === INVALID || charge === undefined || paid === INVALID || paid === undefined) {
      this.section = 'skipped-claim';
      this.complete = false;
      return false;
    }
    checkLength(this.report, s, 14);
    this.claimOrdinal += 1;
    this.claim = {
      index: s.index,
      ordinal: this.claimOrdinal,
      claimId,
      status,
      chargeCents: charge,
      paidCents: paid,
      patientResponsibilityCents: patient === INVALID ? undefined : patient,
      filingIndicator: element(s, 6),
      payerControlNumber: element(s, 7),
      placeOfService: element(s, 8),
      frequency: element(s, 9),
      adjustments: [],
      remarkCodes: [],
      lines: [],
    };
    this.section = 'claim';
    return true;
  }

  private cas(s: Segment): boolean {
    const target = this.section === 'line' ? this.line : this.section === 'claim' ? this.claim : undefined;
    if (target === undefined) {
      this.report.add('x12-segment-out-of-place', 'error', messages.x12OutOfPlace('CAS', 'a claim (CLP) or service line (SVC)'), s.index);
      return false;
    }
    const groupIndex = CAS_GROUP_INDEX.get(qualifierCode(s, 1));
    if (groupIndex === undefined) {
      this.complete = false;
      return unknownQualifier(this.report, s, element(s, 1));
    }
    const group = CAS_GROUPS[groupIndex] as string;
    // Adjustments go straight to their claim or line; a segment that does not read whole takes its own back.
    const adjustments = target.adjustments;
    const before = adjustments.length;
    let total = 0;
    let i = 2;
    for (; i <= 17; i += 3) {
      const raw = s.element(i);
      if (raw === undefined) break;
      const trimmed = isPrintable(raw.charCodeAt(0)) && isPrintable(raw.charCodeAt(raw.length - 1)) ? raw : raw.trim();
      const reason = trimmed === '' ? undefined : trimmed;
      const amount = readMoney(this.report, s, i + 1, reason === undefined ? undefined : 'adjustment amount');
      if (reason === undefined && amount === undefined) continue;
      if (reason === undefined) {
        requireElement(this.report, s, i, 'adjustment reason code');
        return this.casUnread(adjustments, before);
      }
      if (amount === INVALID || amount === undefined) return this.casUnread(adjustments, before);
      const quantity = readNumber(this.report, s, i + 2);
      adjustments.push(quantity === undefined || quantity === INVALID ? { group, reason, amountCents: amount } : { group, reason, amountCents: amount, quantity });
      total += amount;
    }
    if (adjustments.length === before) {
      requireElement(this.report, s, 2, 'adjustment reason code');
      return false;
    }
    if (i > 17) checkLength(this.report, s, 19); // only a segment that used all six triples can be too long
    if (this.groupOrder.indexOf(groupIndex) === -1) this.groupOrder.push(groupIndex);
    this.groupCents[groupIndex] = (this.groupCents[groupIndex] as number) + total;
    return true;
  }

  /** A CAS that could not be read whole: its adjustments come off again and the transaction cannot balance. */
  private casUnread(adjustments: Adjustment[], before: number): false {
    adjustments.length = before;
    this.complete = false;
    return false;
  }

  private nm1(s: Segment): boolean {
    const claim = this.claim;
    if (claim === undefined || (this.section !== 'claim' && this.section !== 'line')) {
      this.report.add('x12-segment-out-of-place', 'warning', messages.x12OutOfPlace('NM1', 'a claim (CLP)'), s.index);
      return false;
    }
    const entity = qualifierCode(s, 1);
    if (!CLAIM_NAMES.has(entity)) return unknownQualifier(this.report, s, element(s, 1));
    if (entity === Q.QC) {
      const id = element(s, 9);
      if (id !== undefined) claim.patientKey = pseudonymousKey('x12-member-id', id);
    } else if (entity === Q.IL) {
      const id = element(s, 9);
      if (id !== undefined) claim.insuredId = id;
    } else if (entity === Q.NM1_82 && qualifierCode(s, 8) === Q.XX) {
      const id = element(s, 9);
      if (id !== undefined) claim.renderingNpi = id;
    }
    return true;
  }

  private remarks(s: Segment, positions: readonly number[]): boolean {
    if (this.claim === undefined || this.section !== 'claim') {
      this.report.add('x12-segment-out-of-place', 'warning', messages.x12OutOfPlace(s.id, 'a claim (CLP)'), s.index);
      return false;
    }
    for (const p of positions) {
      const code = element(s, p);
      if (code !== undefined) this.claim.remarkCodes.push(code);
    }
    return true;
  }

  private amt(s: Segment): boolean {
    const qualifier = qualifierCode(s, 1);
    const inLine = this.section === 'line' && this.line !== undefined;
    if (!inLine && (this.section !== 'claim' || this.claim === undefined)) {
      this.report.add('x12-segment-out-of-place', 'warning', messages.x12OutOfPlace('AMT', 'a claim (CLP) or service line (SVC)'), s.index);
      return false;
    }
    if (!(inLine ? LINE_AMOUNTS : CLAIM_AMOUNTS).has(qualifier)) return unknownQualifier(this.report, s, element(s, 1));
    const amount = readMoney(this.report, s, 2, 'amount');
    if (amount === INVALID || amount === undefined) return false;
    if (inLine && this.line !== undefined) {
      if (qualifier === Q.B6) this.line.allowedCents = amount;
    } else if (this.claim !== undefined) {
      if (qualifier === Q.I) this.claim.interestCents = amount;
      else if (qualifier === Q.B6) this.claim.allowedCents = amount;
    }
    return true;
  }

  private svc(s: Segment): boolean {
    const claim = this.claim;
    this.closeLine();
    if (claim === undefined || (this.section !== 'claim' && this.section !== 'line' && this.section !== 'skipped-line')) {
      if (this.section === 'skipped-claim') {
        this.report.add('x12-parent-skipped', 'warning', messages.x12ParentSkipped('SVC', 'a claim (CLP)'), s.index);
      } else {
        this.report.add('x12-segment-out-of-place', 'error', messages.x12OutOfPlace('SVC', 'a claim (CLP)'), s.index);
      }
      return false;
    }
    const procedure = composite(this.report, s, 1);
    const code = procedure[1]?.trim();
    const charge = readMoney(this.report, s, 2, 'line charge');
    const paid = readMoney(this.report, s, 3, 'line paid');
    if (code === undefined || code === '') requireElement(this.report, s, 1, 'procedure code');
    if (code === undefined || code === '' || charge === INVALID || charge === undefined || paid === INVALID || paid === undefined) {
      this.section = 'skipped-line';
      this.complete = false;
      return false;
    }
    const revenueCode = element(s, 4);
    const units = readNumber(this.report, s, 5);
    const submitted = composite(this.report, s, 6);
    checkLength(this.report, s, 7);
    this.line = {
      index: s.index,
      position: claim.lines.length + 1,
      qualifier: procedure[0]?.trim() || undefined,
      code,
      modifiers: modifiersOf(procedure),
      submittedCode: submitted[1]?.trim() || undefined,
      submittedModifiers: submitted.length > 1 ? modifiersOf(submitted) : undefined,
      chargeCents: charge,
      paidCents: paid,
      units: units === undefined || units === INVALID ? 1 : units,
      revenueCode,
      adjustments: [],
      remarkCodes: [],
    };
    this.section = 'line';
    return true;
  }

  private lq(s: Segment): boolean {
    if (this.line === undefined || this.section !== 'line') {
      this.report.add('x12-segment-out-of-place', 'warning', messages.x12OutOfPlace('LQ', 'a service line (SVC)'), s.index);
      return false;
    }
    if (!REMARK_QUALIFIERS.has(qualifierCode(s, 1))) return unknownQualifier(this.report, s, element(s, 1));
    const code = requireElement(this.report, s, 2, 'remark code');
    if (code === undefined) return false;
    this.line.remarkCodes.push(code);
    return true;
  }

  private plb(s: Segment): boolean {
    this.closeClaim();
    this.section = 'summary';
    checkLength(this.report, s, 14);
    const providerId = element(s, 1);
    const fiscal = readDate(this.report, s, 2);
    const pairs: { reason: string; reference: string | undefined; amount: Cents }[] = [];
    for (let i = 3; i <= 13; i += 2) {
      if (s.element(i) === undefined) break;
      const reasonParts = composite(this.report, s, i);
      const amount = readMoney(this.report, s, i + 1, reasonParts.length > 0 ? 'adjustment amount' : undefined);
      if (reasonParts.length === 0 && amount === undefined) continue;
      const reason = reasonParts[0]?.trim();
      if (reason === undefined || reason === '') {
        requireElement(this.report, s, i, 'adjustment reason');
        this.complete = false;
        return false;
      }
      if (amount === INVALID || amount === undefined) {
        this.complete = false;
        return false;
      }
      pairs.push({ reason, reference: reasonParts.slice(1).join(s.delimiters.component).trim() || undefined, amount });
    }
    if (pairs.length === 0) {
      requireElement(this.report, s, 3, 'adjustment reason');
      return false;
    }
    this.plbOrdinal += 1;
    pairs.forEach((pair, n) => {
      this.providerAdjustmentCents += pair.amount;
      this.summary.providerAdjustmentCents += pair.amount;
      const record: ProviderAdjustment = {
        type: 'provider-adjustment',
        key: `835-plb|${this.context.interchange}|${this.context.group ?? ''}|${this.context.transaction}|${this.paymentId ?? ''}|${this.plbOrdinal}|${n + 1}`,
        lineage: { source: this.context.file, segment: s.index, profile: PROFILE_835 },
        reasonCode: pair.reason,
        amountCents: pair.amount,
        payerId: this.payerId,
        payerName: this.payerName,
        paymentId: this.paymentId,
        providerId: providerId,
        fiscalPeriodDate: fiscal === INVALID ? undefined : fiscal,
        reference: pair.reference,
      };
      this.emit(record);
    });
    return true;
  }

  private closeLine(): void {
    const line = this.line;
    if (line === undefined) return;
    this.line = undefined;
    this.claim?.lines.push(line);
  }

  /** Balances and emits the open claim and its lines. */
  private closeClaim(): void {
    this.closeLine();
    const claim = this.claim;
    this.claim = undefined;
    if (this.section === 'skipped-claim' || this.section === 'skipped-line') this.section = 'summary';
    if (claim === undefined) return;
    let lineAdjustments = 0;
    for (const line of claim.lines) {
      const adjusted = sumAdjustments(line.adjustments);
      lineAdjustments += adjusted;
      if (line.chargeCents - adjusted !== line.paidCents) {
        this.report.add(
          'x12-balance-line',
          'warning',
          messages.x12LineUnbalanced(this.where(claim.claimId), line.position, formatCents(line.chargeCents), formatCents(adjusted), formatCents(line.paidCents)),
          line.index,
        );
      }
    }
    const adjustments = sumAdjustments(claim.adjustments) + lineAdjustments;
    if (claim.chargeCents - adjustments !== claim.paidCents) {
      this.report.add(
        'x12-balance-claim',
        'warning',
        messages.x12ClaimUnbalanced(this.where(claim.claimId), formatCents(claim.chargeCents), formatCents(adjustments), formatCents(claim.paidCents)),
        claim.index,
      );
    }
    this.paidCents += claim.paidCents;
    this.emitClaim(claim);
  }

  /** Natural key of a claim, up to its ordinal: the payment (interchange, group, transaction, trace). */
  private claimKeyPrefix(): string {
    if (this.keyPrefix === undefined || this.keyPrefixPaymentId !== this.paymentId) {
      this.keyPrefix = `835|${this.context.interchange}|${this.context.group ?? ''}|${this.context.transaction}|${this.paymentId ?? ''}|`;
      this.keyPrefixPaymentId = this.paymentId;
    }
    return this.keyPrefix;
  }

  /** The claims of a payment mostly share one filing indicator: remember the last one's class. */
  private payerClassOf(indicator: string | undefined): PayerClass {
    if (indicator !== this.lastIndicator || this.lastPayerClass === undefined) {
      this.lastIndicator = indicator;
      this.lastPayerClass = payerClassOfFilingIndicator(indicator);
    }
    return this.lastPayerClass;
  }

  private emitClaim(claim: ClaimDraft): void {
    const s = this.summary;
    s.claims += 1;
    if (claim.status === '22') s.reversals += 1;
    s.chargeCents += claim.chargeCents;
    s.paidCents += claim.paidCents;
    s.patientResponsibilityCents += claim.patientResponsibilityCents ?? 0;
    s.serviceLines += claim.lines.length;

    const payerClass = this.payerClassOf(claim.filingIndicator);
    const paymentDate = this.paymentDate ?? this.productionDate;
    const key = `${this.claimKeyPrefix()}${claim.ordinal}`;
    let firstDate: CalendarDate | undefined;
    let lastDate: CalendarDate | undefined;
    for (const l of claim.lines) {
      const d = l.serviceDate ?? l.periodFrom;
      if (d === undefined) continue;
      if (firstDate === undefined || d < firstDate) firstDate = d;
      if (lastDate === undefined || d > lastDate) lastDate = d;
    }
    const payerId = this.payerId;
    const record: RemitClaim = {
      type: 'remit-claim',
      key,
      lineage: { source: this.context.file, segment: claim.index, profile: PROFILE_835 },
      payerClass,
      claimId: claim.claimId,
      claimStatus: claim.status,
      payerId,
      payerName: this.payerName,
      paymentId: this.paymentId,
      paymentDate,
      payerControlNumber: claim.payerControlNumber,
      chargeCents: claim.chargeCents,
      paidCents: claim.paidCents,
      adjustments: claim.adjustments,
      remarkCodes: claim.remarkCodes,
      patientResponsibilityCents: claim.patientResponsibilityCents,
      filingIndicator: claim.filingIndicator,
      patientKey: claim.patientKey ?? (claim.insuredId === undefined ? undefined : pseudonymousKey('x12-member-id', claim.insuredId)),
      renderingNpi: claim.renderingNpi,
      payeeNpi: this.payeeNpi,
      serviceDateFrom: claim.serviceDateFrom ?? firstDate,
      serviceDateTo: claim.serviceDateTo ?? lastDate,
      interestCents: claim.interestCents,
      allowedCents: claim.allowedCents,
      paymentMethod: this.paymentMethod,
      placeOfService: claim.placeOfService,
      claimFrequency: claim.frequency,
      receivedDate: claim.receivedDate,
    };
    this.emit(record);
    for (const line of claim.lines) {
      const remitLine: RemitLine = {
        type: 'remit-line',
        key: `${key}/${line.position}`,
        lineage: { source: this.context.file, segment: line.index, profile: PROFILE_835 },
        payerClass,
        claimId: claim.claimId,
        claimStatus: claim.status,
        payerId,
        payerName: this.payerName,
        paymentId: this.paymentId,
        paymentDate,
        payerControlNumber: claim.payerControlNumber,
        lineNumber: line.control ?? String(line.position),
        procedureCode: line.code,
        modifiers: line.modifiers,
        chargeCents: line.chargeCents,
        paidCents: line.paidCents,
        units: line.units,
        adjustments: line.adjustments,
        remarkCodes: line.remarkCodes,
        claimKey: key,
        procedureQualifier: line.qualifier,
        submittedProcedureCode: line.submittedCode,
        submittedModifiers: line.submittedModifiers,
        serviceDate: line.serviceDate ?? line.periodFrom ?? claim.serviceDateFrom,
        allowedCents: line.allowedCents,
        renderingNpi: claim.renderingNpi,
        revenueCode: line.revenueCode,
      };
      this.emit(remitLine);
    }
  }
}

/** Printable ASCII: a character `trim` would never remove. */
function isPrintable(code: number): boolean {
  return code > 32 && code < 127;
}

function sumAdjustments(adjustments: readonly Adjustment[]): Cents {
  let total = 0;
  for (const a of adjustments) total += a.amountCents;
  return total;
}

/** Procedure modifiers: components 3–6 of a procedure composite (HC:99213:25:59), blanks left out. */
export function modifiersOf(procedure: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 2; i < procedure.length && i < 6; i++) {
    const m = procedure[i] as string;
    if (m !== '') out.push(m);
  }
  return out;
}
