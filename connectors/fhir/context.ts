/**
 * What every resource mapper shares while one file is turned into records: where the resource is
 * (for lineage and issue locations), the reference index, the issue list, and the readers of
 * FHIR amounts (JSON numbers, rounded once by the core's `roundCents`) and dates (the one date parser).
 */
import { issue, type Issue, type Severity } from '../../core/issues';
import { messages } from '../../core/messages';
import type { CanonicalRecord, Lineage, PayerClass } from '../../core/model';
import { roundCents, type Cents } from '../../core/money';
import { parseDate, toLocalDateTime, type CalendarDate, type LocalDateTime } from '../../core/period';
import { pseudonymousKey } from '../../core/privacy';
import { payerClassFromCoding, preferredCode } from './codings';
import {
  fallbackId,
  npiOf,
  npiOfReference,
  organizationReferent,
  practitionerName,
  practitionerRoleReferent,
  type ContainedReferents,
  type ReferenceIndex,
  type Referent,
} from './references';
import { Condition, Coverage, Location, Organization, Practitioner, PractitionerRole, type Money, type Reference } from './schemas';

export const PROFILE = 'fhir-r4';

/** The largest amount one FHIR Money may state: $10 billion. */
export const MAX_AMOUNT_CENTS = 1_000_000_000_000;

/** Where a resource sits in its file: the NDJSON line, and/or the bundle entry (1-based). */
export interface ResourceLocation {
  readonly line?: number | undefined;
  readonly segment?: number | undefined;
}

/** Lookup records (providers, payers, locations) already emitted by any file of the import, by type and id. */
export type EmittedLookups = Set<string>;

export class FileContext {
  readonly issues: Issue[] = [];
  /** Unresolved references, reported once per distinct reference with a count. */
  private readonly unresolved = new Map<string, { location: ResourceLocation; count: number; what: string }>();

  private subCentAmounts = 0;
  private firstSubCent: ResourceLocation | undefined;

  constructor(
    readonly file: string,
    readonly index: ReferenceIndex,
    readonly emitted: EmittedLookups,
  ) {}

  lineage(at: ResourceLocation): Lineage {
    return {
      source: this.file,
      profile: PROFILE,
      ...(at.line !== undefined ? { line: at.line } : {}),
      ...(at.segment !== undefined ? { segment: at.segment } : {}),
    };
  }

  report(code: string, severity: Severity, message: string, at: ResourceLocation): void {
    this.issues.push(
      issue(code, severity, message, {
        file: this.file,
        ...(at.line !== undefined ? { line: at.line } : {}),
        ...(at.segment !== undefined ? { segment: at.segment } : {}),
      }),
    );
  }

  /** Adds a lookup record unless an earlier file or resource of this import already did. */
  emitLookup(record: CanonicalRecord, id: string, out: CanonicalRecord[]): void {
    const identity = `${record.type}\u0000${id}`;
    if (this.emitted.has(identity)) return;
    this.emitted.add(identity);
    out.push(record);
  }

  /**
   * Resolves a reference; when it cannot be resolved, remembers it for one issue per distinct
   * reference (a bulk Encounter file imported without its Practitioner file would otherwise raise
   * one issue per line).
   */
  resolve(reference: Reference | undefined, contained: ContainedReferents | undefined, what: string, at: ResourceLocation): Referent | undefined {
    if (reference === undefined) return undefined;
    const found = this.index.resolve(reference, contained);
    if (found !== undefined) return found;
    const text = reference.reference ?? (reference.identifier ? `${reference.identifier.system ?? ''}|${reference.identifier.value ?? ''}` : undefined);
    // A display-only reference ({ display: "Medicaid" }) points at nothing to resolve: the name is all there is.
    if (text === undefined) return undefined;
    const seen = this.unresolved.get(text);
    if (seen) seen.count++;
    else this.unresolved.set(text, { location: at, count: 1, what });
    return undefined;
  }

  /** The unresolved-reference issues, one per distinct reference. */
  finish(): void {
    for (const [reference, { location, count, what }] of this.unresolved) {
      this.report('fhir-reference-unresolved', 'warning', messages.fhirReferenceUnresolved(what, reference, count), location);
    }
    this.unresolved.clear();
    if (this.subCentAmounts > 0 && this.firstSubCent !== undefined) {
      this.report('fhir-amount-rounded', 'info', messages.fhirAmountsRounded(this.subCentAmounts), this.firstSubCent);
      this.subCentAmounts = 0;
    }
  }

  /**
   * Integer cents from a FHIR Money. A FHIR decimal is a JSON number and may carry fractions of a
   * cent (Synthea writes `12.728000000000002` for 20% of 63.64): it is rounded once to the cent, half
   * away from zero, by the core's rounding, and the file gets one note saying how many were.
   */
  cents(money: Money | undefined, field: string, at: ResourceLocation): Cents | undefined {
    const value = money?.value;
    if (value === undefined) return undefined;
    const cents = value * 100;
    // Beyond $10 billion an amount is a data error; the cap also keeps every sum of lines a safe integer.
    if (!Number.isFinite(cents) || Math.abs(cents) > MAX_AMOUNT_CENTS) {
      this.report('fhir-amount-invalid', 'error', messages.fhirFieldInvalid(field, messages.moneyTooLarge(String(value))), at);
      return undefined;
    }
    const rounded = roundCents(cents);
    if (Math.abs(rounded - cents) > 1e-6) {
      this.subCentAmounts++;
      this.firstSubCent ??= at;
    }
    return rounded;
  }

  /** The calendar day a FHIR date or dateTime names, as written (no time-zone shift). */
  date(text: string | undefined, field: string, at: ResourceLocation): CalendarDate | undefined {
    return this.parsed(text, field, at)?.date;
  }

  dateTime(text: string | undefined, field: string, at: ResourceLocation): LocalDateTime | undefined {
    const parsed = this.parsed(text, field, at);
    return parsed === undefined ? undefined : toLocalDateTime(parsed);
  }

  private parsed(text: string | undefined, field: string, at: ResourceLocation) {
    if (text === undefined || text.trim() === '') return undefined;
    const parsed = parseDate(text);
    if (parsed.ok) return parsed.value;
    this.report('fhir-date-invalid', 'warning', messages.fhirFieldInvalid(field, parsed.error.message), at);
    return undefined;
  }

  /** The pseudonymous key of the patient a reference names: never the id itself. */
  patientKey(reference: Reference | undefined): string | undefined {
    if (reference === undefined) return undefined;
    const patient = this.index.resolve(reference, undefined);
    const id = patient?.resourceType === 'Patient' ? patient.id : fallbackId(reference);
    return id === undefined ? undefined : pseudonymousKey('patient', id);
  }

  /** Provider fields for a record from a reference to a Practitioner (or PractitionerRole). */
  provider(reference: Reference | undefined, contained: ContainedReferents | undefined, at: ResourceLocation) {
    if (reference === undefined) return {};
    const found = this.resolve(reference, contained, 'practitioner', at);
    const id = found?.id ?? npiOfReference(reference) ?? fallbackId(reference);
    const name = found?.name ?? (reference.display?.trim() || undefined);
    const npi = found?.npi ?? npiOfReference(reference);
    return {
      ...(id !== undefined ? { renderingProviderId: id } : {}),
      ...(name !== undefined ? { renderingProviderName: name } : {}),
      ...(npi !== undefined ? { renderingNpi: npi } : {}),
    };
  }

  /** Location fields from a reference to a Location (or an Organization, e.g. Encounter.serviceProvider). */
  location(reference: Reference | undefined, contained: ContainedReferents | undefined, at: ResourceLocation) {
    if (reference === undefined) return {};
    const found = this.resolve(reference, contained, 'location', at);
    const id = found?.id ?? fallbackId(reference);
    const name = found?.name ?? (reference.display?.trim() || undefined);
    return { ...(id !== undefined ? { locationId: id } : {}), ...(name !== undefined ? { locationName: name } : {}) };
  }

  /**
   * Payer fields from a reference to a Coverage (whose payor names the payer) or straight to the
   * payer Organization. Synthea writes display-only coverages (`{ "display": "Medicaid" }`): the
   * name is then the payer's id too.
   */
  payer(reference: Reference | undefined, contained: ContainedReferents | undefined, at: ResourceLocation): PayerFields {
    if (reference === undefined) return {};
    const found = this.resolve(reference, contained, 'coverage or payer', at);
    if (found?.resourceType === 'Coverage') {
      const viaPayor = found.payer === undefined ? {} : this.payer(found.payer, contained, at);
      const name = viaPayor.payerName ?? found.name;
      return {
        ...viaPayor,
        ...(viaPayor.payerId === undefined && name !== undefined ? { payerId: name } : {}),
        ...(name !== undefined ? { payerName: name } : {}),
        payerClass: found.payerClass !== undefined && found.payerClass !== 'unknown' ? found.payerClass : (viaPayor.payerClass ?? 'unknown'),
      };
    }
    const name = found?.name ?? (reference.display?.trim() || undefined);
    const id = found?.id ?? (reference.reference !== undefined || reference.identifier !== undefined ? fallbackId(reference) : name);
    return {
      ...(id !== undefined ? { payerId: id } : {}),
      ...(name !== undefined ? { payerName: name } : {}),
      payerClass: found?.payerClass ?? payerClassFromCoding([], name),
    };
  }
}

export interface PayerFields {
  payerId?: string;
  payerName?: string;
  payerClass?: PayerClass;
}

/**
 * Summaries of a resource's contained resources, by local id, for `#id` references. Invalid
 * contained resources are ignored (they only matter if referenced, and then the reference is unresolved).
 */
export function containedReferents(contained: readonly unknown[] | undefined): ContainedReferents | undefined {
  if (contained === undefined || contained.length === 0) return undefined;
  const map = new Map<string, Referent>();
  for (const raw of contained) {
    const referent = referentOf(raw);
    if (referent !== undefined) map.set(referent.id, referent);
  }
  return map;
}

/** The summary of one lookup-type resource (Practitioner, Organization, Coverage, …), or undefined. */
export function referentOf(raw: unknown): Referent | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  switch ((raw as { resourceType?: unknown }).resourceType) {
    case 'Practitioner': {
      const p = Practitioner.safeParse(raw);
      return p.success ? { resourceType: 'Practitioner', id: p.data.id, name: practitionerName(p.data), npi: npiOf(p.data.identifier) } : undefined;
    }
    case 'PractitionerRole': {
      const r = PractitionerRole.safeParse(raw);
      return r.success ? practitionerRoleReferent(r.data) : undefined;
    }
    case 'Organization': {
      const o = Organization.safeParse(raw);
      return o.success ? organizationReferent(o.data) : undefined;
    }
    case 'Location': {
      const l = Location.safeParse(raw);
      return l.success ? { resourceType: 'Location', id: l.data.id, name: l.data.name?.trim() || undefined } : undefined;
    }
    case 'Coverage': {
      const c = Coverage.safeParse(raw);
      if (!c.success) return undefined;
      const payor = c.data.payor?.[0];
      const name = payor?.display?.trim() || undefined;
      return { resourceType: 'Coverage', id: c.data.id, name, payer: payor, payerClass: payerClassFromCoding([c.data.type], name ?? c.data.type?.text) };
    }
    case 'Condition': {
      const c = Condition.safeParse(raw);
      return c.success ? { resourceType: 'Condition', id: c.data.id, code: preferredCode(c.data.code)?.code } : undefined;
    }
    default:
      return undefined;
  }
}
