/**
 * A profile a user can save, edit and pass back (`practice inspect FILE --save-profile p.json`):
 * the profile the tool used (or the generic PM report for a layout it did not know), with each
 * input's headers narrowed to the column found in this file, and the file's unused headers listed
 * in the description so the user can assign them.
 */
import { matchHeaders } from '../csv/mapping';
import type { MappingProfile } from './schema';

export function profileForFile(profile: MappingProfile, headers: readonly string[], fileName: string): MappingProfile {
  const matched = matchHeaders(profile, headers);
  const used = new Set<number>();
  const inputs: MappingProfile['inputs'] = {};
  for (const [name, input] of Object.entries(profile.inputs)) {
    const columns = matched.get(name) ?? [];
    for (const c of columns) used.add(c);
    const found = columns.map((c) => headers[c] ?? '').filter((h) => h !== '');
    inputs[name] = { ...input, headers: found.length > 0 ? found : input.headers };
  }
  const unused = headers.filter((h, i) => !used.has(i) && h.trim() !== '');
  const stem = fileName.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'file';
  return {
    ...profile,
    id: `${stem}-from-${profile.id}`.slice(0, 80),
    label: `${profile.label}, as found in ${fileName}`,
    description:
      (profile.description === undefined ? '' : `${profile.description} `) +
      (unused.length > 0 ? `Columns of ${fileName} not used: ${unused.join(', ')}.` : `Every column of ${fileName} is used.`),
    inputs,
  };
}
