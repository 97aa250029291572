/**
 * The built-in mapping profiles, one file per export layout, and the one way to turn a `--profile`
 * argument (an id or a user's JSON) into a checked profile.
 */
import { messages } from '../../core/messages';
import { compileProfile } from '../csv/mapping';
import {
  canonicalAppointments,
  canonicalCharges,
  canonicalEncounters,
  canonicalLocations,
  canonicalPayers,
  canonicalProviders,
  canonicalTransactions,
} from './canonical';
import { epicTransactionActions } from './epic/actions';
import { epicAccounts, epicAccounts2, epicProcedures, epicProviders } from './epic/lookups';
import { epicAccountTransactions, epicTransactions2, epicTransactions3 } from './epic/transaction-details';
import { epicTransactions } from './epic/transactions';
import { epicAppointments, epicVisits } from './epic/visits';
import { kaggleNoShows } from './kaggle-no-shows';
import { pmAppointments } from './pm-appointments';
import { pmReport } from './pm-report';
import { syntheaClaims, syntheaEncounters } from './synthea/claims';
import { syntheaClaimsTransactions } from './synthea/claims-transactions';
import { syntheaConditions, syntheaPatients, syntheaPayerTransitions, syntheaProcedures } from './synthea/clinical';
import { syntheaOrganizations, syntheaPayers, syntheaProviders } from './synthea/lookups';
import { MappingProfileSchema, type MappingProfile, type MappingProfileInput } from './schema';

export type { MappingProfile, MappingProfileInput } from './schema';
export { MappingProfileSchema } from './schema';
export { profileForFile } from './save';

/** Parses a profile as written (applies defaults); throws on a malformed built-in (a programmer mistake). */
export function defineProfile(input: MappingProfileInput): MappingProfile {
  return MappingProfileSchema.parse(input);
}

/** Every built-in layout, as written in its file. Add a profile: one file, one line here. */
const written: readonly MappingProfileInput[] = [
  canonicalCharges,
  canonicalTransactions,
  canonicalAppointments,
  canonicalEncounters,
  canonicalProviders,
  canonicalPayers,
  canonicalLocations,
  epicTransactions,
  epicTransactions2,
  epicTransactions3,
  epicAccountTransactions,
  epicTransactionActions,
  epicVisits,
  epicAppointments,
  epicProviders,
  epicProcedures,
  epicAccounts,
  epicAccounts2,
  syntheaClaimsTransactions,
  syntheaClaims,
  syntheaEncounters,
  syntheaPayers,
  syntheaProviders,
  syntheaOrganizations,
  syntheaPatients,
  syntheaPayerTransitions,
  syntheaProcedures,
  syntheaConditions,
  kaggleNoShows,
  pmAppointments,
  pmReport,
];

const all: readonly MappingProfile[] = written.map(defineProfile);

/** Every built-in profile, the generic PM report last. */
export const builtInProfiles: readonly MappingProfile[] = all;

/** The generic profile an unrecognised layout is reported against (what a charge report needs). */
export const genericProfile: MappingProfile | undefined = all.find((p) => p.id === 'pm-report');

export type ResolvedProfile = { readonly ok: true; readonly profile: MappingProfile | undefined } | { readonly ok: false; readonly error: string };

/** A built-in id, a user profile (parsed JSON), or nothing (recognise from the headers). */
export function resolveProfile(option: string | Readonly<Record<string, unknown>> | undefined): ResolvedProfile {
  if (option === undefined) return { ok: true, profile: undefined };
  if (typeof option === 'string') {
    const found = all.find((p) => p.id === option);
    return found === undefined ? { ok: false, error: messages.profileUnknown(option, all.map((p) => p.id)) } : { ok: true, profile: found };
  }
  const parsed = MappingProfileSchema.safeParse(option);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first === undefined ? '' : `${first.path.join('.')}: `;
    return { ok: false, error: messages.profileInvalid(`${where}${first?.message ?? 'invalid'}`) };
  }
  const compiled = compileProfile(parsed.data, []);
  if (!compiled.ok) return { ok: false, error: messages.profileInvalid(compiled.error) };
  return { ok: true, profile: parsed.data };
}
