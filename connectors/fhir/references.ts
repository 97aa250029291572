/**
 * Resolving FHIR references across resources, files and bundles. The index holds a compact summary
 * of each resource other resources point at (practitioners, organisations, locations, coverages,
 * encounters, claims, conditions, patients), never whole resources, and finds it by any of the ways
 * exports write a reference: `Practitioner/123`, an absolute URL ending in `Type/id`, `urn:uuid:…`
 * (a bundle's fullUrl), `#id` (a contained resource), a conditional reference
 * `Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999…` (Synthea), or a logical reference
 * by `identifier`.
 */
import type { PayerClass } from '../../core/model';
import { conceptLabel, NPI_SYSTEM, payerClassFromCoding } from './codings';
import type { Encounter, FhirIdentifier, Organization, Practitioner, PractitionerRole, Reference } from './schemas';

/** What one resource contributes to others. */
export interface Referent {
  readonly resourceType: string;
  readonly id: string;
  /** Display name: a practitioner's name, an organisation's or location's name, a payer's name. */
  readonly name?: string | undefined;
  readonly npi?: string | undefined;
  readonly payerClass?: PayerClass | undefined;
  /** Coverage: the payer it points at. */
  readonly payer?: Reference | undefined;
  /** Organisation: whether its type says it is an insurer (`pay`, `ins`). */
  readonly isPayer?: boolean | undefined;
  /** PractitionerRole: the practitioner it is a role of, and the specialty. */
  readonly practitioner?: Reference | undefined;
  readonly specialty?: string | undefined;
  /** Encounter: what a Claim line needs from the visit it belongs to. */
  readonly encounter?: {
    readonly date?: string | undefined;
    readonly provider?: Reference | undefined;
    readonly location?: Reference | undefined;
    readonly serviceProvider?: Reference | undefined;
  };
  /** Condition: its code. */
  readonly code?: string | undefined;
  /** Claim: the visit it bills and the coverage it bills to (so a visit can carry its payer). */
  readonly claim?: {
    readonly encounter?: Reference | undefined;
    readonly coverage?: Reference | undefined;
    readonly contained?: ContainedReferents | undefined;
    readonly pharmacy: boolean;
  };
}

const ABSOLUTE_OR_RELATIVE = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?\/?$/;

/** `Type/id` from a relative or absolute literal reference; undefined for anything else. */
export function typeAndId(reference: string): { type: string; id: string } | undefined {
  if (reference.startsWith('#') || reference.includes('?') || reference.startsWith('urn:')) return undefined;
  const m = ABSOLUTE_OR_RELATIVE.exec(reference);
  return m ? { type: m[1] ?? '', id: m[2] ?? '' } : undefined;
}

/** `Type?identifier=system|value` → its parts (the query is URL-decoded). */
export function conditionalIdentifier(reference: string): { type: string; system: string | undefined; value: string } | undefined {
  const m = /^([A-Z][A-Za-z]+)\?(.*)$/.exec(reference);
  if (!m) return undefined;
  for (const pair of (m[2] ?? '').split('&')) {
    const [name, raw] = pair.split('=');
    if (name !== 'identifier' || raw === undefined) continue;
    let token: string;
    try {
      token = decodeURIComponent(raw);
    } catch {
      token = raw;
    }
    const bar = token.lastIndexOf('|');
    return bar === -1 ? { type: m[1] ?? '', system: undefined, value: token } : { type: m[1] ?? '', system: token.slice(0, bar) || undefined, value: token.slice(bar + 1) };
  }
  return undefined;
}

/**
 * The id a record carries when the reference cannot be resolved: the resource id for a literal
 * reference, the identifier's value for a conditional or logical one, the uuid of a `urn:uuid:`.
 */
export function fallbackId(reference: Reference): string | undefined {
  const r = reference.reference?.trim();
  if (r) {
    const literal = typeAndId(r);
    if (literal) return literal.id;
    const conditional = conditionalIdentifier(r);
    if (conditional) return conditional.value || undefined;
    if (r.startsWith('urn:uuid:')) return r.slice('urn:uuid:'.length) || undefined;
    if (r.startsWith('urn:oid:')) return r.slice('urn:oid:'.length) || undefined;
    if (r.startsWith('#')) return undefined;
    return r;
  }
  return reference.identifier?.value?.trim() || undefined;
}

/** The NPI a reference names by identifier (conditional or logical), when it does. */
export function npiOfReference(reference: Reference | undefined): string | undefined {
  if (reference === undefined) return undefined;
  const conditional = reference.reference ? conditionalIdentifier(reference.reference) : undefined;
  const candidate = conditional?.system === NPI_SYSTEM ? conditional.value : reference.identifier?.system === NPI_SYSTEM ? reference.identifier.value : undefined;
  return candidate !== undefined && /^\d{10}$/.test(candidate) ? candidate : undefined;
}

export function npiOf(identifiers: readonly FhirIdentifier[] | undefined): string | undefined {
  const npi = identifiers?.find((i) => i.system === NPI_SYSTEM)?.value?.trim();
  return npi !== undefined && /^\d{10}$/.test(npi) ? npi : undefined;
}

/** A person's name for a sheet: `text`, else prefix given family suffix. Practitioners only: patients' names are never read. */
export function practitionerName(p: Practitioner): string | undefined {
  const name = p.name?.find((n) => n.use === 'official') ?? p.name?.[0];
  if (name === undefined) return undefined;
  if (name.text?.trim()) return name.text.trim();
  const parts = [...(name.prefix ?? []), ...(name.given ?? []), name.family ?? '', ...(name.suffix ?? [])].map((s) => s.trim()).filter((s) => s !== '');
  return parts.length > 0 ? parts.join(' ') : undefined;
}

export function organizationIsPayer(o: Organization): boolean {
  return (o.type ?? []).some((t) => (t.coding ?? []).some((c) => c.code === 'pay' || c.code === 'ins'));
}

export function organizationReferent(o: Organization): Referent {
  const isPayer = organizationIsPayer(o);
  return {
    resourceType: 'Organization',
    id: o.id,
    name: o.name?.trim() || undefined,
    npi: npiOf(o.identifier),
    isPayer,
    payerClass: isPayer ? payerClassFromCoding(o.type ?? [], o.name) : undefined,
  };
}

export function practitionerRoleReferent(r: PractitionerRole): Referent {
  return {
    resourceType: 'PractitionerRole',
    id: r.id,
    practitioner: r.practitioner,
    specialty: conceptLabel(r.specialty?.[0]) ?? conceptLabel(r.code?.[0]),
  };
}

export function encounterReferent(e: Encounter, primaryPerformer: Reference | undefined): Referent {
  return {
    resourceType: 'Encounter',
    id: e.id,
    encounter: {
      date: e.period?.start,
      provider: primaryPerformer,
      location: e.location?.[0]?.location,
      serviceProvider: e.serviceProvider,
    },
  };
}

/** Local references (`#id`) of one resource's `contained` list. */
export type ContainedReferents = ReadonlyMap<string, Referent>;

/**
 * Where references are looked up. Filled in a first pass over every file of an import (or over the
 * one file), read in the second pass that makes records.
 */
export class ReferenceIndex {
  private readonly byKey = new Map<string, Referent>();
  /** Specialty per practitioner, from PractitionerRoles, filled by `finish()`. */
  private readonly specialties = new Map<string, string>();
  private readonly roles: Referent[] = [];
  private readonly claims: Referent[] = [];
  /** The claim that bills each encounter (a visit's own claim before a pharmacy claim), filled by `finish()`. */
  private readonly claimByEncounter = new Map<string, Referent>();

  /** Registers a resource under its `Type/id`, its bundle fullUrl and each identifier. */
  add(referent: Referent, fullUrl: string | undefined, identifiers: readonly FhirIdentifier[] | undefined): void {
    const keys = [`${referent.resourceType}/${referent.id}`];
    if (fullUrl) {
      keys.push(fullUrl);
      const literal = typeAndId(fullUrl);
      if (literal) keys.push(`${literal.type}/${literal.id}`);
    }
    for (const i of identifiers ?? []) {
      const value = i.value?.trim();
      if (!value) continue;
      if (i.system) keys.push(`${referent.resourceType}?${i.system}|${value}`, `?${i.system}|${value}`);
      keys.push(`${referent.resourceType}?|${value}`);
    }
    for (const key of keys) if (!this.byKey.has(key)) this.byKey.set(key, referent);
    if (referent.resourceType === 'PractitionerRole') this.roles.push(referent);
    if (referent.claim?.encounter !== undefined) this.claims.push(referent);
  }

  /** Links roles to practitioners once every file has been indexed (a role may come before its practitioner). */
  finish(): void {
    for (const role of this.roles) {
      if (role.specialty === undefined || role.practitioner === undefined) continue;
      const practitioner = this.lookup(role.practitioner, undefined);
      if (practitioner !== undefined && !this.specialties.has(practitioner.id)) this.specialties.set(practitioner.id, role.specialty);
    }
    for (const claim of this.claims) {
      const encounter = this.lookup(claim.claim?.encounter as Reference, undefined);
      if (encounter?.resourceType !== 'Encounter') continue;
      const earlier = this.claimByEncounter.get(encounter.id);
      if (earlier === undefined || (earlier.claim?.pharmacy === true && claim.claim?.pharmacy !== true)) this.claimByEncounter.set(encounter.id, claim);
    }
  }

  /** The claim billing an encounter, when one was imported. */
  claimFor(encounterId: string): Referent | undefined {
    return this.claimByEncounter.get(encounterId);
  }

  specialtyOf(practitionerId: string): string | undefined {
    return this.specialties.get(practitionerId);
  }

  /**
   * The resource a reference points at, or undefined. A PractitionerRole resolves on to its
   * practitioner (records name people, not roles).
   */
  resolve(reference: Reference | undefined, contained: ContainedReferents | undefined): Referent | undefined {
    if (reference === undefined) return undefined;
    const found = this.lookup(reference, contained);
    if (found?.resourceType === 'PractitionerRole' && found.practitioner !== undefined) return this.lookup(found.practitioner, contained) ?? found;
    return found;
  }

  private lookup(reference: Reference, contained: ContainedReferents | undefined): Referent | undefined {
    const r = reference.reference?.trim();
    if (r) {
      if (r.startsWith('#')) return contained?.get(r.slice(1));
      const direct = this.byKey.get(r);
      if (direct) return direct;
      const literal = typeAndId(r);
      if (literal) return this.byKey.get(`${literal.type}/${literal.id}`);
      const conditional = conditionalIdentifier(r);
      if (conditional) {
        return conditional.system === undefined
          ? this.byKey.get(`${conditional.type}?|${conditional.value}`)
          : this.byKey.get(`${conditional.type}?${conditional.system}|${conditional.value}`);
      }
      return undefined;
    }
    const id = reference.identifier;
    if (id?.value) {
      const value = id.value.trim();
      if (reference.type) return this.byKey.get(id.system ? `${reference.type}?${id.system}|${value}` : `${reference.type}?|${value}`);
      if (id.system) return this.byKey.get(`?${id.system}|${value}`);
    }
    return undefined;
  }
}
