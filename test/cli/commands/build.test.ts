/**
 * `loadInputs` (practice build, kpi, demo) and `practice inspect` import the FHIR files of one run
 * together: a Synthea patient bundle resolves the practitioners of the practitioner bundle beside it.
 * Expected names are read here from the raw practitionerInformation JSON.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadInputs } from '../../../cli/commands/build';
import { main } from '../../../cli/main';
import { aggregate } from '../../../core/aggregate';
import type { Issue } from '../../../core/issues';
import { fixture, repoRoot } from '../../support/paths';

interface RawPractitioner {
  resourceType: string;
  identifier?: { system?: string; value?: string }[];
  name?: { prefix?: string[]; given?: string[]; family?: string }[];
}

/** NPI → "prefix given family" of every Practitioner in the practitionerInformation bundle(s). */
function practitioners(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.startsWith('practitionerInformation'))) {
    const bundle = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { entry: { resource: RawPractitioner }[] };
    for (const { resource } of bundle.entry) {
      if (resource.resourceType !== 'Practitioner') continue;
      const npi = resource.identifier?.find((i) => i.system === 'http://hl7.org/fhir/sid/us-npi')?.value;
      const n = resource.name?.[0];
      if (npi !== undefined && n !== undefined) out.set(npi, [...(n.prefix ?? []), ...(n.given ?? []), n.family ?? ''].join(' '));
    }
  }
  return out;
}

/** Unresolved-reference issues that name a practitioner the practitioner bundle does hold. */
const unresolvedKnown = (issues: readonly Issue[], npis: ReadonlyMap<string, string>) =>
  issues.filter((i) => i.code === 'fhir-reference-unresolved' && [...npis.keys()].some((npi) => i.message.includes(npi)));

describe('cli/commands/build', () => {
  const dir = fixture('fhir_r4', 'synthea_bundles');
  const npis = practitioners(dir);

  describe('loadInputs', () => {
    it('resolves the practitioners of a Synthea run across its bundles: names, not NPIs, and no unresolved-reference warning', async function () {
      this.timeout(60_000);
      assert.ok(npis.size > 10);
      const loaded = await loadInputs([dir], repoRoot);
      assert.deepEqual(unresolvedKnown(loaded.dataset.issues, npis), []);
      const seen = loaded.dataset.encounters.filter((e) => e.renderingNpi !== undefined);
      assert.ok(seen.length > 50);
      for (const e of seen) assert.equal(e.renderingProviderName, npis.get(e.renderingNpi ?? ''), e.encounterId);
      // What the KPI workbook shows per provider.
      const names = new Set(npis.values());
      const providers = aggregate(loaded.dataset).providers;
      assert.ok(providers.length > 0);
      for (const p of providers) assert.ok(names.has(p.name), p.name);
    });

    it('(the same patient bundle imported on its own cannot resolve them: the check above can fail)', async function () {
      this.timeout(60_000);
      const patient = readdirSync(dir).find((f) => !f.startsWith('practitioner') && !f.startsWith('hospital')) ?? '';
      const loaded = await loadInputs([join(dir, patient)], repoRoot);
      assert.ok(unresolvedKnown(loaded.dataset.issues, npis).length > 0);
    });
  });

  describe('practice inspect (cli/commands/inspect) over the same folder', () => {
    it('reports no unresolved practitioner for any file', async function () {
      this.timeout(60_000);
      const out: string[] = [];
      assert.equal(await main(['inspect', dir, '--json'], { out: (t) => void out.push(t), err: () => undefined, cwd: repoRoot }), 0);
      const files = (JSON.parse(out.join('\n')) as { files: { format: string; issues: Issue[] }[] }).files;
      assert.equal(files.length, 5);
      assert.ok(files.every((f) => f.format === 'fhir-bundle'));
      assert.deepEqual(unresolvedKnown(files.flatMap((f) => f.issues), npis), []);
    });
  });
});
