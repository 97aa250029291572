import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sourceFromPath } from '../../cli/files';
import { importFhirSources } from '../../connectors/fhir';
import { assembleDataset } from '../../core/dataset';
import { fixture } from '../support/paths';

describe('dataset', () => {
  describe('assembleDataset', () => {
    it('labels per-patient files neutrally, so a bundle named after its patient never names them in a workbook', async function () {
      this.timeout(60_000);
      const dir = fixture('fhir_r4', 'synthea_bundles');
      const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
      const results = await importFhirSources(files.map((f) => sourceFromPath(join(dir, f))));
      const dataset = assembleDataset(results);
      // The patient names the fixture files carry (e.g. Temika453_Wuckert783_…json).
      const names = files.filter((f) => /^[A-Z][a-z]+\d+_/.test(f)).flatMap((f) => f.split('_').slice(0, 2));
      assert.equal(names.length, 6);
      const shown = [...dataset.sources.map((s) => s.file), ...dataset.issues.map((i) => i.location.file)].join('\n');
      for (const name of names) assert.ok(!shown.includes(name), `${name} reaches the workbook`);
      assert.deepEqual(
        dataset.sources.map((s) => s.file).filter((f) => f.startsWith('patient-level')).sort(),
        ['patient-level file 1 (fhir-bundle)', 'patient-level file 2 (fhir-bundle)', 'patient-level file 3 (fhir-bundle)'],
      );
      // Organisation and practitioner bundles keep their names.
      assert.ok(dataset.sources.some((s) => s.file.startsWith('hospitalInformation')));
    });
  });
});
