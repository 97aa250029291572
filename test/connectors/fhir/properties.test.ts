import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { importFhirSources } from '../../../connectors/fhir/import';
import { sourceFromBytes } from '../../../connectors/source';
import { CanonicalRecord } from '../../../core/model';
import type { ImportResult } from '../../../core/source';

const encoder = new TextEncoder();

/** Resources of the types the connector reads, with plausible values. */
const reference = fc.oneof(
  fc.constantFrom('Practitioner/dr1', 'Location/loc1', 'Organization/org1', 'urn:uuid:0000', '#cov', 'Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|1234567893'),
  fc.string({ maxLength: 12 }),
);
const dateTime = fc.oneof(fc.constantFrom('2024-01-31', '2024-02-29T10:00:00-05:00', '2023-13-01', '', 'yesterday'), fc.string({ maxLength: 12 }));
const money = fc.oneof(fc.double({ noNaN: false }), fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.integer(), fc.constantFrom(85.55, 1e300, 1e10, -0.001, 12.728000000000002));
const coding = fc.record({ system: fc.constantFrom('http://www.ama-assn.org/go/cpt', 'http://snomed.info/sct', 'urn:x'), code: fc.string({ maxLength: 6 }) });

const resource = fc.oneof(
  fc.record({ resourceType: fc.constant('Encounter'), id: fc.string({ maxLength: 8 }), status: fc.constantFrom('finished', 'cancelled', 'planned'), period: fc.record({ start: dateTime }), participant: fc.array(fc.record({ individual: fc.record({ reference }) }), { maxLength: 2 }), location: fc.array(fc.record({ location: fc.record({ reference }) }), { maxLength: 1 }) }),
  fc.record({
    resourceType: fc.constant('Claim'),
    id: fc.string({ maxLength: 8 }),
    created: dateTime,
    insurance: fc.array(fc.record({ focal: fc.boolean(), coverage: fc.record({ reference }) }), { maxLength: 2 }),
    item: fc.array(fc.record({ sequence: fc.integer(), productOrService: fc.record({ coding: fc.array(coding, { maxLength: 2 }) }), net: fc.record({ value: money }), quantity: fc.record({ value: fc.double() }), servicedDate: dateTime }, { requiredKeys: ['productOrService'] }), { maxLength: 3 }),
    total: fc.record({ value: money }),
  }, { requiredKeys: ['resourceType', 'id'] }),
  fc.record({
    resourceType: fc.constant('ExplanationOfBenefit'),
    id: fc.string({ maxLength: 8 }),
    created: dateTime,
    claim: fc.record({ reference }),
    item: fc.array(fc.record({ productOrService: fc.record({ coding: fc.array(coding, { maxLength: 1 }) }), adjudication: fc.array(fc.record({ category: fc.record({ coding: fc.array(fc.record({ code: fc.constantFrom('submitted', 'eligible', 'benefit', 'copay', 'x') }), { maxLength: 1 }) }), amount: fc.record({ value: money }) }), { maxLength: 4 }) }), { maxLength: 2 }),
    payment: fc.record({ amount: fc.record({ value: money }), date: dateTime }, { requiredKeys: [] }),
  }, { requiredKeys: ['resourceType', 'id'] }),
  fc.record({ resourceType: fc.constant('Appointment'), id: fc.string({ maxLength: 8 }), status: fc.constantFrom('booked', 'noshow', 'weird'), start: dateTime, created: dateTime, participant: fc.array(fc.record({ actor: fc.record({ reference }) }), { maxLength: 3 }) }, { requiredKeys: ['resourceType', 'id', 'status'] }),
  fc.record({ resourceType: fc.constant('Practitioner'), id: fc.string({ maxLength: 8 }), name: fc.array(fc.record({ family: fc.string({ maxLength: 6 }) }), { maxLength: 1 }) }),
  fc.record({ resourceType: fc.constantFrom('Observation', 'Procedure'), id: fc.string({ maxLength: 8 }) }),
);

/** Replaces or deletes the value at a random path: wrong types and missing required fields. */
function mutate(value: unknown, choice: number, replacement: unknown, remove: boolean): unknown {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (path.length > 0) paths.push(path);
    if (typeof v === 'object' && v !== null) for (const [k, child] of Object.entries(v)) walk(child, [...path, Array.isArray(v) ? Number(k) : k]);
  };
  walk(value, []);
  if (paths.length === 0) return replacement;
  const path = paths[choice % paths.length] as (string | number)[];
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

const line = fc.oneof(
  resource.map((r) => JSON.stringify(r)),
  fc.tuple(resource, fc.nat(), fc.anything(), fc.boolean()).map(([r, choice, replacement, remove]) => JSON.stringify(mutate(r, choice, replacement, remove)) ?? 'null'),
  fc.tuple(resource, fc.nat()).map(([r, cut]) => {
    const text = JSON.stringify(r);
    return text.slice(0, cut % text.length);
  }),
  fc.string({ maxLength: 40 }),
  fc.json(),
);

/** Units the file holds, counted without the connector: non-blank lines, a Bundle's entries instead of the Bundle. */
function expectedUnits(lines: readonly string[]): number {
  let units = 0;
  for (const l of lines) {
    if (l.trim() === '') continue;
    try {
      const v: unknown = JSON.parse(l);
      if (typeof v === 'object' && v !== null && (v as { resourceType?: unknown }).resourceType === 'Bundle') {
        const entries = (v as { entry?: unknown }).entry;
        const responseOnly = (e: unknown) => typeof e === 'object' && e !== null && !Array.isArray(e) && (e as { resource?: unknown }).resource === undefined && ('response' in e || 'request' in e);
        if (Array.isArray(entries)) units += entries.filter((e) => !responseOnly(e)).length;
        else if (entries !== undefined) units += 1;
        continue;
      }
    } catch {
      /* a malformed line is one unit */
    }
    units++;
  }
  return units;
}

function checkInvariants(result: ImportResult, name: string): void {
  assert.equal(result.rowsRead, result.recordsImported + result.rowsRejected);
  const errorUnits = new Set(result.issues.filter((i) => i.severity === 'error').map((i) => `${i.location.line}:${i.location.segment}`));
  assert.ok(errorUnits.size >= result.rowsRejected, 'every rejected unit has an issue');
  for (const i of result.issues) assert.equal(i.location.file, name);
  for (const r of result.records) {
    const parsed = CanonicalRecord.safeParse(r);
    assert.ok(parsed.success, `${JSON.stringify(r).slice(0, 300)}: ${parsed.success ? '' : parsed.error.message.slice(0, 300)}`);
  }
}

describe('connectors/fhir/import (properties)', () => {
  describe('importFhirSources', () => {
    it('never throws on NDJSON with truncated lines, wrong types, missing fields and junk; rowsRead = imported + rejected', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(line, { maxLength: 25 }), async (lines) => {
          const clean = lines.map((l) => l.replace(/[\r\n]/g, ' '));
          const text = clean.join('\n');
          const [result] = await importFhirSources([sourceFromBytes('x.ndjson', encoder.encode(text), 97)]);
          assert.ok(result);
          checkInvariants(result, 'x.ndjson');
          assert.equal(result.rowsRead, expectedUnits(clean));
        }),
        { numRuns: 150 },
      );
    });

    it('never throws on a Bundle of mutated entries, or on any JSON document', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.array(fc.tuple(resource, fc.nat(), fc.anything(), fc.boolean(), fc.boolean()), { maxLength: 12 }).map((entries) =>
              JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: entries.map(([r, choice, replacement, remove, keep]) => ({ resource: keep ? r : mutate(r, choice, replacement, remove) })) }, null, 1),
            ),
            fc.json().map((j) => `\n${j}`),
          ),
          async (text) => {
            const [result] = await importFhirSources([sourceFromBytes('b.json', encoder.encode(text), 101)]);
            assert.ok(result);
            checkInvariants(result, 'b.json');
          },
        ),
        { numRuns: 150 },
      );
    });

    it('reads a resource with a 10 MB field, and refuses it as one over-long line when lines are limited', async () => {
      const huge = 'é'.repeat(10 * 1024 * 1024);
      const text = [JSON.stringify({ resourceType: 'Practitioner', id: 'dr1', name: [{ text: huge }] }), JSON.stringify({ resourceType: 'Encounter', id: huge, period: { start: '2024-01-01' } }), '{"resourceType":"Location","id":"l1","name":"Clinic"}'].join('\n');
      const bytes = encoder.encode(text);
      const [whole] = await importFhirSources([sourceFromBytes('big.ndjson', bytes)]);
      assert.ok(whole);
      checkInvariants(whole, 'big.ndjson');
      assert.equal(whole.rowsRead, 3);
      assert.equal(whole.rowsRejected, 0);
      const [limited] = await importFhirSources([sourceFromBytes('big.ndjson', bytes)], { maxLineChars: 1024 * 1024 });
      assert.ok(limited);
      assert.equal(limited.rowsRead, 3);
      assert.equal(limited.rowsRejected, 2);
      assert.deepEqual(limited.issues.map((i) => [i.code, i.location.line]), [
        ['fhir-line-too-long', 1],
        ['fhir-line-too-long', 2],
      ]);
      assert.equal(limited.records.length, 1);
    });

    it('turns deeply nested JSON into issues, in a field it ignores, a field it reads, and a whole file', async () => {
      const depth = 100_000;
      const deep = '['.repeat(depth) + ']'.repeat(depth);
      const deepObject = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      const lines = [
        `{"resourceType":"Encounter","id":"e1","period":{"start":"2024-01-01"},"extension":${deep}}`,
        `{"resourceType":"Encounter","id":"e2","period":${deepObject}}`,
        deep,
      ];
      const [result] = await importFhirSources([sourceFromBytes('deep.ndjson', encoder.encode(lines.join('\n')))]);
      assert.ok(result);
      checkInvariants(result, 'deep.ndjson');
      assert.equal(result.rowsRead, 3);
      // e1 imports (extensions are ignored); e2's period is not a Period; the bare array is not a resource.
      assert.equal(result.rowsRejected, 2);
      assert.deepEqual(result.records.map((r) => r.key), ['e1']);
      const [file] = await importFhirSources([sourceFromBytes('deep.json', encoder.encode(`{"resourceType":"Bundle","entry":${deep}}`))]);
      assert.ok(file);
      checkInvariants(file, 'deep.json');
      assert.deepEqual(file.issues.map((i) => [i.code, i.location.segment]), [['fhir-resource-invalid', 1]]);
    });
  });
});
