import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { importFhirSources } from '../../../connectors/fhir/import';
import { sourceFromBytes } from '../../../connectors/source';
import { aggregate } from '../../../core/aggregate';
import { assembleDataset } from '../../../core/dataset';
import { fixture } from '../../support/paths';

/* The KPI workbook must build from FHIR sources alone: its aggregates, fed only by the Synthea bundles. */

interface Resource {
  resourceType: string;
  id: string;
  created?: string;
  payment?: { amount: { value: number } };
  participant?: { individual: { display: string } }[];
}
const cents = (value: number) => Math.round(value * 100);

describe('connectors/fhir/import (KPI inputs from FHIR alone)', () => {
  describe('aggregate over a dataset of the Synthea bundles', () => {
    it('has charges, payments by month, encounters by named provider, and payer classes', async () => {
      const dir = fixture('fhir_r4', 'synthea_bundles');
      const names = readdirSync(dir).sort();
      const results = await importFhirSources(names.map((n) => sourceFromBytes(n, readFileSync(`${dir}/${n}`))));
      const dataset = assembleDataset(results);
      const aggregates = aggregate(dataset);

      const resources = names.flatMap((n) => (JSON.parse(readFileSync(`${dir}/${n}`, 'utf8')) as { entry: { resource: Resource }[] }).entry.map((e) => e.resource));
      const encounters = resources.filter((r) => r.resourceType === 'Encounter');
      const eobs = resources.filter((r) => r.resourceType === 'ExplanationOfBenefit');
      const sum = (pick: (m: (typeof aggregates.facts)[number]['measures']) => number) => aggregates.facts.reduce((s, f) => s + pick(f.measures), 0);

      assert.equal(aggregates.availability.charges, true);
      assert.equal(aggregates.availability.chargePostDates, true);
      assert.equal(aggregates.availability.payments, true);
      assert.equal(aggregates.availability.encounterSource, 'encounters');
      assert.equal(aggregates.availability.denials, 'remittances');
      assert.equal(sum((m) => m.encounters), encounters.length);
      assert.equal(sum((m) => m.paymentCents), eobs.reduce((s, e) => s + cents(e.payment?.amount.value ?? 0), 0));
      assert.equal(sum((m) => m.chargeCents), dataset.charges.reduce((s, c) => s + c.chargeCents, 0));
      assert.equal(sum((m) => m.claimsAdjudicated) > 0, true);

      // Providers by the names the encounters show (Synthea's display text), never an id.
      const performerNames = new Set(encounters.map((e) => e.participant?.[0]?.individual.display));
      assert.ok(aggregates.providers.length > 0);
      for (const p of aggregates.providers) assert.ok(performerNames.has(p.name), p.name);
      assert.deepEqual(new Set(aggregates.payers.map((p) => `${p.name}:${p.payerClass}`)), new Set(['Medicaid:medicaid', 'Humana:commercial']));
      assert.ok(aggregates.locations.every((l) => l.name !== '' && !/^[0-9a-f-]{36}$/.test(l.name)));
    });
  });
});
