import { strict as assert } from 'node:assert';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';

const require = createRequire(import.meta.url);
// The generator custom-functions-metadata-plugin runs inside webpack: the same JSDoc → functions.json.
const { generateCustomFunctionsMetadata } = require('custom-functions-metadata') as {
  generateCustomFunctionsMetadata(input: string[], wantConsoleOutput?: boolean): Promise<{ metadataJson: string; errors: string[] }>;
};

const functionFiles = ['functions/kpi.ts', 'functions/budget.ts', 'functions/contracts.ts'].map((f) => join(repoRoot, f));
const goldenDir = join(repoRoot, 'test', 'cases', 'functions');

interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: { name: string; description?: string; optional?: boolean }[];
}

describe('functions/*.ts metadata', () => {
  let generated: { metadataJson: string; errors: string[] };
  before(async function () {
    this.timeout(60_000);
    generated = await generateCustomFunctionsMetadata(functionFiles, false);
  });

  describe('generateCustomFunctionsMetadata', () => {
    it('reads every function without error', () => {
      assert.deepEqual(generated.errors, []);
    });

    it('equals the committed functions.json (on a difference, actual.json is written beside it)', () => {
      const golden = readFileSync(join(goldenDir, 'functions.json'), 'utf8');
      if (JSON.stringify(JSON.parse(golden)) !== JSON.stringify(JSON.parse(generated.metadataJson))) {
        writeFileSync(join(goldenDir, 'actual.json'), generated.metadataJson);
        assert.fail(`functions.json changed: compare ${join(goldenDir, 'actual.json')} with functions.json and copy it over if the change is meant`);
      }
    });

    it('documents every function and every parameter (the help Excel shows)', () => {
      const { functions } = JSON.parse(generated.metadataJson) as { functions: FunctionMetadata[] };
      const ids = functions.map((f) => f.id).sort();
      for (const id of ['DAYSINAR', 'DEFINITION', 'DENIALRATE', 'GROSSCOLLECTIONRATE', 'KPI', 'NETCOLLECTIONRATE', 'NOSHOWRATE']) assert.ok(ids.includes(id), `${id} is missing`);
      for (const f of functions) {
        assert.match(f.id, /^[A-Z][A-Z0-9.]*$/);
        assert.ok((f.description ?? '').length > 10, `${f.id} has no description`);
        for (const p of f.parameters) assert.ok((p.description ?? '').length > 3, `${f.id}(${p.name}) has no description`);
      }
    });
  });
});
