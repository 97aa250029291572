/**
 * Dimension members: who a record belongs to (provider, location, payer), by a stable identity,
 * with short generated keys (`P01`, `L01`, `Y01`) assigned in name order once every record is seen.
 * The keys are what formulas use as SUMIFS criteria, so imported names never reach a formula.
 */
import { payerClassLabels, type PayerClass } from '../model';
import type { DimensionMember } from './types';

interface Parties {
  readonly renderingProviderId?: string | undefined;
  readonly renderingNpi?: string | undefined;
  readonly renderingProviderName?: string | undefined;
  readonly locationId?: string | undefined;
  readonly locationName?: string | undefined;
  readonly payerId?: string | undefined;
  readonly payerName?: string | undefined;
  readonly payerClass: PayerClass;
}

export const NO_PROVIDER = '(no provider)';
export const NO_LOCATION = '(no location)';
export const NO_PAYER = '(no payer)';

/** The provider/location/payer a record belongs to, as identities (ids when the source has them). */
export interface Who {
  readonly provider: string;
  readonly location: string;
  readonly payer: string;
  readonly payerClass: PayerClass;
}

export class Members {
  private readonly names = new Map<string, string>();
  private keys: Map<string, string> | undefined;

  constructor(private readonly prefix: string) {}

  /** Records an identity with its display name (the first non-empty name wins). */
  see(identity: string, name: string): string {
    const known = this.names.get(identity);
    if (known === undefined) this.names.set(identity, name);
    return identity;
  }

  /** Assigns keys in name order; call once, after every record was seen. */
  finish(): DimensionMember[] {
    const sorted = [...this.names.entries()].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : 1));
    const width = Math.max(2, String(sorted.length).length);
    this.keys = new Map();
    return sorted.map(([identity, name], i) => {
      const key = `${this.prefix}${String(i + 1).padStart(width, '0')}`;
      this.keys?.set(identity, key);
      return { key, name };
    });
  }

  /** The identity a key was assigned to. */
  identityOf(key: string): string {
    for (const [identity, k] of this.keys ?? []) if (k === key) return identity;
    throw new Error(`no member with key ${key}`);
  }

  keyOf(identity: string): string {
    const key = this.keys?.get(identity);
    if (key === undefined) throw new Error(`member not registered or keys not assigned: ${identity}`);
    return key;
  }
}

/** The payer name of a record that gives only a payer class (a scheduling export, say). */
function payerlessName(payerClass: PayerClass): string {
  if (payerClass === 'self_pay') return 'Self-pay';
  if (payerClass === 'unknown') return NO_PAYER;
  return `${payerClassLabels[payerClass]} (payer not named)`;
}

/** Reads who a record belongs to and registers the names. */
export function whoOf(record: Parties, providers: Members, locations: Members, payers: Members, payerClasses: Map<string, PayerClass>): Who {
  const providerId = record.renderingProviderId ?? record.renderingNpi;
  const provider = providers.see(
    providerId !== undefined ? `id:${providerId}` : record.renderingProviderName !== undefined ? `name:${record.renderingProviderName}` : '',
    record.renderingProviderName ?? providerId ?? NO_PROVIDER,
  );
  const location = locations.see(
    record.locationId !== undefined ? `id:${record.locationId}` : record.locationName !== undefined ? `name:${record.locationName}` : '',
    record.locationName ?? record.locationId ?? NO_LOCATION,
  );
  const payerIdentity =
    record.payerId !== undefined ? `id:${record.payerId}` : record.payerName !== undefined ? `name:${record.payerName}` : `class:${record.payerClass}`;
  const payer = payers.see(payerIdentity, record.payerName ?? record.payerId ?? payerlessName(record.payerClass));
  if (!payerClasses.has(payer)) payerClasses.set(payer, record.payerClass);
  return { provider, location, payer, payerClass: record.payerClass };
}
