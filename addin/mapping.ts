/**
 * The mapping step: when a file's columns do not match a profile, the manager sees the headers
 * found and the canonical fields still missing, picks a header for each, and the choice is saved
 * as a user profile (the same JSON `practice inspect --save-profile` writes) in the workbook's
 * settings, so the next import and every refresh read the file the same way.
 */
import { compileProfile } from '../connectors/csv/mapping';
import { builtInProfiles, genericProfile, MappingProfileSchema, profileForFile, type MappingProfile } from '../connectors/profiles';
import { err, ok, type Result } from '../core/result';
import type { ImportResult } from '../core/source';

/** True when the file was read as a table but its columns did not give the required fields. */
export function needsMapping(result: Pick<ImportResult, 'mapping' | 'recordsImported'>): boolean {
  return result.mapping !== undefined && result.mapping.missingRequired.length > 0 && result.recordsImported === 0;
}

/** The profiles a manager can start a mapping from (what kind of export the file is). */
export function mappingBases(): readonly { id: string; label: string }[] {
  return builtInProfiles.map((p) => ({ id: p.id, label: p.label }));
}

export function baseProfile(id: string | undefined): MappingProfile | undefined {
  return builtInProfiles.find((p) => p.id === id) ?? genericProfile;
}

export interface MissingField {
  /** The profile's input name (a canonical field, e.g. `serviceDate`). */
  readonly field: string;
  /** What the field means, in words. */
  readonly label: string;
}

/** Field names in words, for the picker labels. */
function fieldLabel(field: string, note: string | undefined): string {
  const words = field
    .replace(/Cents$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return note === undefined ? words.charAt(0).toUpperCase() + words.slice(1) : `${words.charAt(0).toUpperCase() + words.slice(1)} (${note})`;
}

/** `profile` with each picked header assigned to its field. */
function withPicks(profile: MappingProfile, picks: Readonly<Record<string, string>>): MappingProfile {
  const inputs = { ...profile.inputs };
  for (const [field, header] of Object.entries(picks)) {
    const input = inputs[field];
    if (header !== '' && input !== undefined) inputs[field] = { ...input, headers: [header] };
  }
  return { ...profile, inputs };
}

/** The importer's own list of required fields without a column (connectors/csv/mapping.ts). */
function stillMissing(profile: MappingProfile, headers: readonly string[]): string[] {
  const compiled = compileProfile(profile, headers);
  return compiled.ok ? [...compiled.compiled.report.missingRequired] : [];
}

/**
 * The fields to ask about: required fields no header supplies, as the importer reports them. A pick
 * can make a record rule apply that needs more (a charge column found → the claim id is needed
 * too), so the list is recomputed with the picks so far and grows until it is stable.
 */
export function missingFields(profile: MappingProfile, headers: readonly string[], picks: Readonly<Record<string, string>> = {}): MissingField[] {
  const fields = stillMissing(withPicks(profile, picks), headers).filter((f) => !(f in picks) || picks[f] === '');
  for (const field of Object.keys(picks)) if (!fields.includes(field)) fields.unshift(field);
  // Probe: pretend every field asked about has a column of its own, and see what else is then needed.
  for (let round = 0; round < 5; round++) {
    const probes = Object.fromEntries(fields.map((f) => [f, `\u0000${f}`]));
    const more = stillMissing(withPicks(profile, probes), [...headers, ...Object.values(probes)]).filter((f) => !fields.includes(f));
    if (more.length === 0) break;
    fields.push(...more);
  }
  const order = Object.keys(profile.inputs);
  fields.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return fields.map((field) => ({ field, label: fieldLabel(field, profile.inputs[field]?.note) }));
}

/**
 * The user profile for a file: `base` narrowed to the file's headers (connectors/profiles/save.ts),
 * with each picked header assigned to its field. Checked with the profile schema, so what is saved
 * can always be read back. A pick of a header the file does not have is refused.
 */
export function profileFromMapping(base: MappingProfile, headers: readonly string[], fileName: string, picks: Readonly<Record<string, string>>): Result<MappingProfile> {
  for (const [field, header] of Object.entries(picks)) {
    if (header !== '' && !headers.includes(header)) return err(`"${header}" is not a column of ${fileName}`);
    if (base.inputs[field] === undefined) return err(`${field} is not a field of the ${base.label} profile`);
  }
  const narrowed = profileForFile(withPicks(base, picks), headers, fileName);
  const inputs = narrowed.inputs;
  const stem = fileName.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'file';
  const parsed = MappingProfileSchema.safeParse({
    ...narrowed,
    id: `${stem}-mapped`.slice(0, 80),
    label: `${base.label}, columns mapped for ${fileName}`,
    inputs,
  });
  if (!parsed.success) return err(parsed.error.issues[0]?.message ?? 'the mapping is not a valid profile');
  const missing = stillMissing(parsed.data, headers);
  if (missing.length > 0) return err(`still no column for: ${missing.map((field) => fieldLabel(field, parsed.data.inputs[field]?.note)).join(', ')}`);
  return ok(parsed.data);
}
