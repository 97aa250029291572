/**
 * X12 837P (professional claims, 5010 005010X222A1/A2 and 4010 004010X098A1) → one ChargeLine per
 * service line (SV1). The HL hierarchy is followed by parent id: billing provider (HL03 20) →
 * subscriber (22, with payer and filing indicator) → patient (23). Inside a claim, an SBR starts
 * the other-subscriber loops (2320/2330: coordination of benefits), whose payer and names are not
 * the claim's.
 *
 * Subscribers and patients leave only as pseudonymous keys: names are never read.
 */
import { formatCents, type Cents } from '../../core/money';
import { messages } from '../../core/messages';
import type { CanonicalRecord, ChargeLine } from '../../core/model';
import type { CalendarDate } from '../../core/period';
import { digestKey, pseudonymousKey } from '../../core/privacy';
import type { TransactionContext, TransactionReader, TransactionSet } from './envelope';
import { modifiersOf } from './remit835';
import { payerClassOfFilingIndicator } from './filing-indicator';
import { checkLength, composite, dateOf, element, INVALID, readMoney, readNumber, requireElement, unknownQualifier, type Reporter } from './report';
import type { Segment } from './tokenizer';

export const PROFILE_837P = 'x12-837p';

/** Totals of an 837P file for `practice inspect` (ImportResult.extraSummary). */
export interface Claims837pSummary {
  transactions: number;
  claims: number;
  serviceLines: number;
  /** Σ CLM02. */
  chargeCents: Cents;
}

export function emptyClaims837pSummary(): Claims837pSummary {
  return { transactions: 0, claims: 0, serviceLines: 0, chargeCents: 0 };
}

const KNOWN = new Set([
  'BHT', 'REF', 'NM1', 'N2', 'N3', 'N4', 'PER', 'PRV', 'CUR', 'HL', 'SBR', 'PAT', 'DMG', 'CLM', 'DTP', 'PWK', 'CN1',
  'AMT', 'K3', 'NTE', 'CR1', 'CR2', 'CRC', 'HI', 'HCP', 'LX', 'SV1', 'SV5', 'CR3', 'MEA', 'PS1', 'QTY', 'LIN', 'CTP',
  'SVD', 'CAS', 'OI', 'MOA', 'LQ', 'FRM', 'MIA',
]);
/** HI qualifiers of diagnosis codes (ICD-10 ABK/ABF, ICD-9 BK/BF): the codes SV107 points to, in order. */
const DIAGNOSIS_QUALIFIERS = new Set(['ABK', 'ABF', 'BK', 'BF']);
const HL_LEVELS = new Set(['20', '22', '23']);

interface Billing {
  npi?: string | undefined;
  isPerson: boolean;
}
interface Subscriber {
  memberId?: string | undefined;
  payerName?: string | undefined;
  payerId?: string | undefined;
  filingIndicator?: string | undefined;
}
interface Patient {
  memberId?: string | undefined;
  birthDate?: string | undefined;
  gender?: string | undefined;
}
interface Level {
  readonly code: string;
  readonly billing: Billing;
  readonly subscriber: Subscriber | undefined;
  readonly patient: Patient | undefined;
}
interface LineDraft {
  readonly index: number;
  readonly position: number;
  readonly assignedNumber: string | undefined;
  readonly qualifier: string | undefined;
  readonly code: string;
  readonly modifiers: string[];
  readonly chargeCents: Cents;
  readonly units: number;
  readonly placeOfService: string | undefined;
  readonly pointers: string[];
  serviceDate?: CalendarDate | undefined;
  renderingNpi?: string | undefined;
  control?: string | undefined;
}
interface ClaimDraft {
  readonly index: number;
  readonly ordinal: number;
  readonly claimId: string;
  readonly totalCents: Cents;
  readonly placeOfService: string | undefined;
  readonly frequency: string | undefined;
  readonly level: Level;
  readonly diagnoses: string[];
  serviceDate?: CalendarDate | undefined;
  renderingNpi?: string | undefined;
  lines: number;
  lineCents: Cents;
  /** False when a line could not be read: the claim total cannot be checked then. */
  complete: boolean;
}

type Section = 'header' | 'billing' | 'subscriber' | 'patient' | 'claim' | 'other-subscriber' | 'line' | 'skipped-claim' | 'skipped-line';

/** The 837 (professional) transaction set: one reader per ST…SE. */
export function claims837p(emit: (record: CanonicalRecord) => void, summary: Claims837pSummary): TransactionSet {
  return { id: '837', begin: (context) => new Claims837pReader(context, emit, summary) };
}

class Claims837pReader implements TransactionReader {
  private readonly report: Reporter;
  private section: Section = 'header';
  private submittedDate: CalendarDate | undefined;
  private readonly levels = new Map<string, Level>();
  private readonly lastOfCode = new Map<string, Level>();
  private level: Level | undefined;
  private claim: ClaimDraft | undefined;
  private line: LineDraft | undefined;
  private claimOrdinal = 0;

  constructor(
    private readonly context: TransactionContext,
    private readonly emit: (record: CanonicalRecord) => void,
    private readonly summary: Claims837pSummary,
  ) {
    this.report = context.report;
    summary.transactions += 1;
  }

  segment(s: Segment): boolean {
    if (!KNOWN.has(s.id)) {
      this.report.add('x12-segment-unknown', 'warning', messages.x12UnknownSegment(s.id, '837 professional claim'), s.index);
      return false;
    }
    if ((this.section === 'skipped-claim' || this.section === 'skipped-line') && s.id !== 'HL' && s.id !== 'CLM') {
      if (!(this.section === 'skipped-line' && (s.id === 'LX' || s.id === 'SV1'))) {
        this.report.add('x12-parent-skipped', 'warning', messages.x12ParentSkipped(s.id, this.section === 'skipped-claim' ? 'a claim (CLM)' : 'a service line (SV1)'), s.index);
        return false;
      }
    }
    switch (s.id) {
      case 'BHT':
        return this.bht(s);
      case 'HL':
        return this.hl(s);
      case 'NM1':
        return this.nm1(s);
      case 'SBR':
        return this.sbr(s);
      case 'DMG':
        if (this.section === 'patient' && this.level?.patient !== undefined) {
          this.level.patient.birthDate = element(s, 2);
          this.level.patient.gender = element(s, 3);
        }
        return true;
      case 'CLM':
        return this.clm(s);
      case 'HI':
        return this.hi(s);
      case 'DTP':
        return this.dtp(s);
      case 'LX':
        return this.lx(s);
      case 'SV1':
        return this.sv1(s);
      case 'REF':
        if (this.section === 'line' && this.line !== undefined && element(s, 1) === '6R') this.line.control = element(s, 2);
        return true;
      default:
        return true;
    }
  }

  end(): void {
    this.closeClaim();
  }

  private where(claimId: string): string {
    return `claim ${claimId} (interchange ${this.context.interchange}, transaction ${this.context.transaction})`;
  }

  private bht(s: Segment): boolean {
    const text = element(s, 4);
    if (text === undefined) return true;
    const date = dateOf(this.report, s, 4, text);
    if (date === INVALID) return false;
    this.submittedDate = date;
    return true;
  }

  private hl(s: Segment): boolean {
    this.closeClaim();
    const id = requireElement(this.report, s, 1, 'hierarchical id');
    const code = element(s, 3);
    if (id === undefined) {
      this.section = 'skipped-claim';
      return false;
    }
    if (code === undefined || !HL_LEVELS.has(code)) {
      this.section = 'skipped-claim';
      return unknownQualifier(this.report, s, code);
    }
    const parentId = element(s, 2);
    let parent = parentId === undefined ? undefined : this.levels.get(parentId);
    if (code !== '20' && parent === undefined) {
      parent = this.lastOfCode.get(code === '23' ? '22' : '20');
      this.report.add('x12-hierarchy', 'warning', messages.x12HierarchyBroken(id, parentId ?? '(none)'), s.index);
    }
    const level: Level =
      code === '20'
        ? { code, billing: { isPerson: false }, subscriber: undefined, patient: undefined }
        : code === '22'
          ? { code, billing: parent?.billing ?? { isPerson: false }, subscriber: {}, patient: undefined }
          : { code, billing: parent?.billing ?? { isPerson: false }, subscriber: parent?.subscriber ?? {}, patient: {} };
    this.levels.set(id, level);
    this.lastOfCode.set(code, level);
    this.level = level;
    this.section = code === '20' ? 'billing' : code === '22' ? 'subscriber' : 'patient';
    return true;
  }

  private nm1(s: Segment): boolean {
    const entity = element(s, 1);
    const idQualifier = element(s, 8);
    const id = element(s, 9);
    const npi = idQualifier === 'XX' && id !== undefined ? id : undefined;
    switch (this.section) {
      case 'billing':
        if (entity === '85' && this.level !== undefined) {
          if (npi !== undefined) this.level.billing.npi = npi;
          this.level.billing.isPerson = element(s, 2) === '1';
        }
        return true;
      case 'subscriber': {
        const subscriber = this.level?.subscriber;
        if (subscriber === undefined) return true;
        if (entity === 'IL' && id !== undefined) subscriber.memberId = id;
        else if (entity === 'PR') {
          const name = element(s, 3);
          if (name !== undefined) subscriber.payerName = name;
          if (id !== undefined) subscriber.payerId = id;
        }
        return true;
      }
      case 'patient':
        if (entity === 'QC' && id !== undefined && this.level?.patient !== undefined) this.level.patient.memberId = id;
        return true;
      case 'claim':
        if (entity === '82' && npi !== undefined && this.claim !== undefined) this.claim.renderingNpi = npi;
        return true;
      case 'line':
        if (entity === '82' && npi !== undefined && this.line !== undefined) this.line.renderingNpi = npi;
        return true;
      default:
        return true;
    }
  }

  private sbr(s: Segment): boolean {
    if (this.section === 'claim' || this.section === 'other-subscriber') {
      this.section = 'other-subscriber';
      return true;
    }
    if (this.section !== 'subscriber' || this.level?.subscriber === undefined) {
      this.report.add('x12-segment-out-of-place', 'warning', messages.x12OutOfPlace('SBR', 'a subscriber level (HL*22)'), s.index);
      return false;
    }
    const indicator = element(s, 9);
    if (indicator !== undefined) this.level.subscriber.filingIndicator = indicator;
    return true;
  }

  private clm(s: Segment): boolean {
    this.closeClaim();
    const level = this.level;
    if (level === undefined || level.subscriber === undefined) {
      this.report.add('x12-segment-out-of-place', 'error', messages.x12OutOfPlace('CLM', 'a subscriber or patient level (HL*22 or HL*23)'), s.index);
      this.section = 'skipped-claim';
      return false;
    }
    checkLength(this.report, s, 20);
    const claimId = requireElement(this.report, s, 1, 'claim id');
    const total = readMoney(this.report, s, 2, 'total claim charge');
    if (claimId === undefined || total === undefined || total === INVALID) {
      this.section = 'skipped-claim';
      return false;
    }
    const facility = composite(this.report, s, 5);
    this.claimOrdinal += 1;
    this.claim = {
      index: s.index,
      ordinal: this.claimOrdinal,
      claimId,
      totalCents: total,
      placeOfService: facility[0]?.trim() || undefined,
      frequency: facility[2]?.trim() || undefined,
      level,
      diagnoses: [],
      lines: 0,
      lineCents: 0,
      complete: true,
    };
    this.summary.claims += 1;
    this.summary.chargeCents += total;
    this.section = 'claim';
    return true;
  }

  private hi(s: Segment): boolean {
    if (this.claim === undefined || this.section !== 'claim') {
      this.report.add('x12-segment-out-of-place', 'warning', messages.x12OutOfPlace('HI', 'a claim (CLM)'), s.index);
      return false;
    }
    for (let i = 1; i < s.count; i++) {
      const [qualifier, code] = composite(this.report, s, i);
      if (qualifier !== undefined && code !== undefined && DIAGNOSIS_QUALIFIERS.has(qualifier.trim()) && code.trim() !== '') {
        this.claim.diagnoses.push(code.trim());
      }
    }
    return true;
  }

  private dtp(s: Segment): boolean {
    if (element(s, 1) !== '472') return true;
    const format = element(s, 2);
    const text = element(s, 3);
    if (text === undefined) return requireElement(this.report, s, 3, 'date of service') !== undefined;
    if (format !== 'D8' && format !== 'RD8') return unknownQualifier(this.report, s, format);
    const date = dateOf(this.report, s, 3, text.slice(0, 8));
    if (date === INVALID) return false;
    if (this.section === 'line' && this.line !== undefined) this.line.serviceDate = date;
    else if (this.section === 'claim' && this.claim !== undefined) this.claim.serviceDate = date;
    return true;
  }

  private lx(s: Segment): boolean {
    this.closeLine();
    if (this.claim === undefined) {
      this.report.add('x12-segment-out-of-place', 'error', messages.x12OutOfPlace('LX', 'a claim (CLM)'), s.index);
      return false;
    }
    this.section = 'line';
    this.pendingLineNumber = element(s, 1);
    return true;
  }

  private pendingLineNumber: string | undefined;

  private sv1(s: Segment): boolean {
    this.closeLine();
    const claim = this.claim;
    if (claim === undefined) {
      this.report.add('x12-segment-out-of-place', 'error', messages.x12OutOfPlace('SV1', 'a claim (CLM)'), s.index);
      return false;
    }
    checkLength(this.report, s, 21);
    const procedure = composite(this.report, s, 1);
    const code = procedure[1]?.trim();
    const charge = readMoney(this.report, s, 2, 'line charge');
    if (code === undefined || code === '') requireElement(this.report, s, 1, 'procedure code');
    if (code === undefined || code === '' || charge === undefined || charge === INVALID) {
      claim.complete = false;
      this.section = 'skipped-line';
      return false;
    }
    const units = readNumber(this.report, s, 4);
    if (units !== undefined && units !== INVALID && units <= 0) {
      this.report.add('x12-number-invalid', 'warning', messages.x12NumberInvalid('SV1', '04', String(units)), s.index);
    }
    this.line = {
      index: s.index,
      position: claim.lines + 1,
      assignedNumber: this.pendingLineNumber,
      qualifier: procedure[0]?.trim() || undefined,
      code,
      modifiers: modifiersOf(procedure),
      chargeCents: charge,
      units: units === undefined || units === INVALID || units <= 0 ? 1 : units,
      placeOfService: element(s, 5),
      pointers: composite(this.report, s, 7).map((p) => p.trim()).filter((p) => p !== ''),
    };
    this.pendingLineNumber = undefined;
    claim.lines += 1;
    this.section = 'line';
    return true;
  }

  private closeLine(): void {
    const line = this.line;
    const claim = this.claim;
    this.line = undefined;
    if (line === undefined || claim === undefined) return;
    const serviceDate = line.serviceDate ?? claim.serviceDate;
    if (serviceDate === undefined) {
      this.report.add('x12-service-date-missing', 'error', messages.x12NoServiceDate(this.where(claim.claimId), line.position), line.index);
      this.context.unuse(1);
      claim.complete = false;
      return;
    }
    claim.lineCents += line.chargeCents;
    this.summary.serviceLines += 1;
    const level = claim.level;
    const subscriber = level.subscriber ?? {};
    const patient = level.patient;
    const patientKey =
      patient?.memberId !== undefined
        ? pseudonymousKey('x12-member-id', patient.memberId)
        : patient !== undefined && subscriber.memberId !== undefined
          ? pseudonymousKey('x12-dependent', `${subscriber.memberId}|${patient.birthDate ?? ''}|${patient.gender ?? ''}`)
          : subscriber.memberId !== undefined
            ? pseudonymousKey('x12-member-id', subscriber.memberId)
            : undefined;
    const rendering = line.renderingNpi ?? claim.renderingNpi ?? (level.billing.isPerson ? level.billing.npi : undefined);
    const pointed = line.pointers.map((p) => claim.diagnoses[Number(p) - 1]).filter((d): d is string => d !== undefined);
    const record: ChargeLine = {
      type: 'charge',
      key: digestKey(['837', this.context.interchange, this.context.group ?? '', this.context.transaction, String(claim.ordinal), claim.claimId, String(line.position)]),
      lineage: { source: this.context.file, segment: line.index, profile: PROFILE_837P },
      payerClass: payerClassOfFilingIndicator(subscriber.filingIndicator),
      claimId: claim.claimId,
      lineNumber: line.control ?? line.assignedNumber ?? String(line.position),
      serviceDate,
      procedureCode: line.code,
      modifiers: line.modifiers,
      units: line.units,
      chargeCents: line.chargeCents,
      diagnosisCodes: pointed,
      procedureCodeSystem: line.qualifier === 'HC' ? 'HCPCS' : line.qualifier,
      patientKey: patientKey,
      renderingNpi: npiOrUndefined(rendering),
      billingNpi: npiOrUndefined(level.billing.npi),
      payerId: subscriber.payerId,
      payerName: subscriber.payerName,
      placeOfService: line.placeOfService ?? claim.placeOfService,
      submittedDate: this.submittedDate,
      claimFrequency: claim.frequency,
    };
    this.emit(record);
  }

  private closeClaim(): void {
    this.closeLine();
    const claim = this.claim;
    this.claim = undefined;
    if (this.section !== 'header') this.section = this.level?.code === '23' ? 'patient' : this.level?.code === '22' ? 'subscriber' : 'billing';
    if (claim === undefined || !claim.complete || claim.lines === 0) return;
    if (claim.lineCents !== claim.totalCents) {
      this.report.add(
        'x12-claim-total',
        'warning',
        messages.x12ClaimTotalMismatch(this.where(claim.claimId), formatCents(claim.totalCents), formatCents(claim.lineCents)),
        claim.index,
      );
    }
  }
}

/** The ChargeLine schema holds NPIs only (ten digits); a tax id in the NPI place is left out. */
function npiOrUndefined(value: string | undefined): string | undefined {
  return value !== undefined && /^\d{10}$/.test(value) ? value : undefined;
}
