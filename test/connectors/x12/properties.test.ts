/**
 * Property tests: real fixture files, mutated (segments dropped, duplicated, truncated, numbers
 * corrupted, separators swapped, read in odd chunk sizes). The importers never throw, account for
 * every segment (rowsRead = recordsImported + rowsRejected), explain rejections with issues, and
 * only produce records that pass the canonical schemas.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { CanonicalRecord } from '../../../core/model';
import type { ImportResult } from '../../../core/source';
import { sourceFromBytes } from '../../../connectors/source';
import { import835, import837p } from '../../../connectors/x12';
import { fixture } from '../../support/paths';

interface Sample {
  readonly name: string;
  readonly kind: '835' | '837';
  readonly text: string;
}

const samples: Sample[] = [
  ...readdirSync(fixture('x12_835')).map((name) => ({ name, kind: '835' as const, text: readFileSync(fixture('x12_835', name), 'utf8') })),
  ...readdirSync(fixture('x12_837p')).map((name) => ({ name, kind: '837' as const, text: readFileSync(fixture('x12_837p', name), 'utf8') })),
];

/** The segment terminator, found the simple way: the first non-blank character after ISA16 (or "~"). */
function terminatorOf(text: string): string {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  if (!t.startsWith('ISA')) return '~';
  const e = t.charAt(3);
  let at = 3;
  for (let n = 1; n < 16; n++) at = t.indexOf(e, at + 1);
  const after = t.slice(at + 2).replace(/^[\r\n]+/, '');
  return /^[A-Z]/.test(after) ? '\n' : after.charAt(0);
}

type Mutation =
  | { kind: 'drop'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'corrupt-number'; at: number; replacement: string }
  | { kind: 'swap'; from: number; to: string }
  | { kind: 'insert'; at: number; text: string };

function mutate(text: string, m: Mutation): string {
  const terminator = terminatorOf(text);
  const parts = text.split(terminator);
  const index = (at: number) => at % Math.max(1, parts.length);
  switch (m.kind) {
    case 'drop':
      parts.splice(index(m.at), 1);
      return parts.join(terminator);
    case 'duplicate':
      parts.splice(index(m.at), 0, parts[index(m.at)] ?? '');
      return parts.join(terminator);
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'corrupt-number': {
      const numbers = [...text.matchAll(/\d+(?:\.\d+)?/g)];
      const hit = numbers[m.at % Math.max(1, numbers.length)];
      if (hit?.index === undefined) return text;
      return text.slice(0, hit.index) + m.replacement + text.slice(hit.index + hit[0].length);
    }
    case 'swap': {
      const separators = ['*', ':', '~', '|', '^', '>', '\n'];
      const from = separators[m.from % separators.length] as string;
      return text.split(from).join(m.to);
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
  }
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('corrupt-number' as const),
    at: fc.nat(),
    replacement: fc.constantFrom('', 'X', '1.2.3', '-', '1e5', '99999999999999999999', '12,34', '$5', '0x1F', 'NaN', '20241341'),
  }),
  fc.record({ kind: fc.constant('swap' as const), from: fc.nat(), to: fc.constantFrom('*', ':', '~', '|', '^', '>', '\n', '', ' ') }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 12 }) }),
);

async function importText(sample: Sample, text: string, chunkSize: number): Promise<ImportResult> {
  const source = sourceFromBytes(sample.name, new TextEncoder().encode(text), chunkSize);
  return sample.kind === '835' ? import835(source) : import837p(source);
}

function checkInvariants(result: ImportResult): void {
  assert.equal(result.rowsRead, result.recordsImported + result.rowsRejected);
  assert.ok(result.recordsImported >= 0 && result.rowsRejected >= 0);
  if (result.rowsRejected > 0) assert.ok(result.issues.length > 0, 'rejected segments come with issues');
  for (const issue of result.issues) assert.equal(issue.location.file, result.file);
  for (const record of result.records) {
    const parsed = CanonicalRecord.safeParse(record);
    assert.ok(parsed.success, `record fails its schema: ${JSON.stringify(record)}`);
  }
}

describe('connectors/x12 (properties)', () => {
  describe('import835 / import837p', () => {
    it('never throws and accounts for every segment of a mutated fixture', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...samples), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 4096 }), async (sample, mutations, chunkSize) => {
          const text = mutations.reduce(mutate, sample.text);
          checkInvariants(await importText(sample, text, chunkSize));
        }),
        { numRuns: 150 },
      );
    });

    it('reads the unmutated fixtures the same way whatever the chunk size', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...samples), fc.integer({ min: 1, max: 64 }), async (sample, chunkSize) => {
          const whole = await importText(sample, sample.text, 1 << 20);
          const chunked = await importText(sample, sample.text, chunkSize);
          assert.deepEqual(chunked.extraSummary, whole.extraSummary);
          assert.equal(chunked.records.length, whole.records.length);
          assert.deepEqual(chunked.issues, whole.issues);
        }),
        { numRuns: 30 },
      );
    });

    it('never throws on arbitrary text that starts like X12', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('ISA*', 'ST*835*', 'ST*837*', 'ISA|', ''), fc.string({ maxLength: 300 }), async (start, rest) => {
          checkInvariants(await importText({ name: 'fuzz.txt', kind: '835', text: '' }, start + rest, 7));
          checkInvariants(await importText({ name: 'fuzz.txt', kind: '837', text: '' }, start + rest, 7));
        }),
        { numRuns: 100 },
      );
    });
  });
});
