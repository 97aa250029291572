import { strict as assert } from 'node:assert';
import { importFhirSources } from '../../../connectors/fhir/import';
import { readLineBatches, type LineOptions, type NdjsonLine } from '../../../connectors/fhir/lines';
import type { SourceFile } from '../../../connectors/source';
import type { Encounter } from '../../../core/model';

const encoder = new TextEncoder();

/** A source whose chunks are given as byte arrays, recording how far the reader had got at each pull. */
function recordedSource(name: string, chunks: readonly Uint8Array[], onPull: (index: number) => void): SourceFile {
  return {
    name,
    async *chunks() {
      for (let i = 0; i < chunks.length; i++) {
        onPull(i);
        yield chunks[i] as Uint8Array;
      }
    },
  };
}

async function* readLines(source: SourceFile, options: LineOptions = {}): AsyncGenerator<NdjsonLine> {
  for await (const batch of readLineBatches(source, options)) yield* batch;
}

describe('connectors/fhir/lines', () => {
  describe('readLineBatches', () => {
    it('yields a line as soon as its chunk arrives, before the next chunk is read', async () => {
      let pulled = -1;
      const source = recordedSource('a.ndjson', [encoder.encode('{"a":1}\n{"b"'), encoder.encode(':2}\n')], (i) => (pulled = i));
      const seen: { text: string; pulledWhenSeen: number }[] = [];
      for await (const line of readLines(source)) seen.push({ text: line.text, pulledWhenSeen: pulled });
      assert.deepEqual(seen, [
        { text: '{"a":1}', pulledWhenSeen: 0 },
        { text: '{"b":2}', pulledWhenSeen: 1 },
      ]);
    });

    it('decodes a character split across chunks, drops CR and the BOM, skips blank lines but keeps line numbers', async () => {
      const bytes = encoder.encode('\uFEFF{"n":"Zoë ✓"}\r\n\r\n{"n":2}');
      // Split inside the two-byte "ë" and inside the three-byte "✓".
      const cut1 = bytes.indexOf(0xc3) + 1;
      const cut2 = bytes.indexOf(0xe2) + 2;
      const source = recordedSource('b.ndjson', [bytes.subarray(0, cut1), bytes.subarray(cut1, cut2), bytes.subarray(cut2)], () => {});
      const lines = [];
      for await (const line of readLines(source)) lines.push(line);
      assert.deepEqual(lines, [
        { line: 1, text: '{"n":"Zoë ✓"}' },
        { line: 3, text: '{"n":2}' },
      ]);
    });

    it('drops an over-long line as it streams by, says how long it was, and reads on', async () => {
      const long = 'x'.repeat(50);
      const source = recordedSource('c.ndjson', [encoder.encode(`{"a":1}\n${long.slice(0, 20)}`), encoder.encode(`${long.slice(20)}\n{"b":2}\n`)], () => {});
      const lines = [];
      for await (const line of readLines(source, { maxLineChars: 30 })) lines.push(line);
      assert.deepEqual(lines, [
        { line: 1, text: '{"a":1}' },
        { line: 2, text: '', overlongChars: 50 },
        { line: 3, text: '{"b":2}' },
      ]);
    });
  });

  describe('importFhirSources (a generated 100,000-line NDJSON file)', () => {
    it('imports every line while reading the file chunk by chunk, never all at once', async () => {
      const total = 100_000;
      const perChunk = 1_000;
      const line = (i: number) =>
        JSON.stringify({
          resourceType: 'Encounter',
          id: `e${i}`,
          status: 'finished',
          class: { code: 'AMB' },
          subject: { reference: `Patient/p${i % 97}` },
          period: { start: `2024-0${1 + (i % 9)}-1${i % 10}T09:00:00-05:00` },
          participant: [{ individual: { reference: 'Practitioner/dr1', display: 'Dr. Zoë Lee' } }],
          serviceProvider: { reference: 'Organization/org1', display: 'Clinic ✓' },
        }) + '\n';
      let pass = 0;
      let bytesGenerated = 0;
      const progressAtPull: { pass: number; generated: number; progress: number }[] = [];
      let lastProgress = 0;
      const source: SourceFile = {
        name: 'Encounter.000.ndjson',
        async *chunks() {
          pass++;
          bytesGenerated = 0;
          lastProgress = 0;
          let carry = new Uint8Array(0);
          for (let start = 0; start < total; start += perChunk) {
            let text = '';
            for (let i = start; i < start + perChunk; i++) text += line(i);
            const encoded = encoder.encode(text);
            const bytes = new Uint8Array(carry.byteLength + encoded.byteLength);
            bytes.set(carry, 0);
            bytes.set(encoded, carry.byteLength);
            // Cut at an odd byte offset so lines and characters straddle chunks.
            const cut = start + perChunk >= total ? bytes.byteLength : bytes.byteLength - 1001;
            progressAtPull.push({ pass, generated: bytesGenerated, progress: lastProgress });
            bytesGenerated += cut;
            carry = bytes.slice(cut);
            yield bytes.subarray(0, cut);
          }
        },
      };
      const [result] = await importFhirSources([source], { onProgress: (b) => (lastProgress = b) });
      assert.ok(result);
      assert.equal(pass, 2, 'two passes: the reference index, then the records');
      assert.equal(result.rowsRead, total);
      assert.equal(result.rowsRejected, 0);
      const encounters = result.records.filter((r): r is Encounter => r.type === 'encounter');
      assert.equal(encounters.length, total);
      assert.equal(encounters[total - 1]?.lineage.line, total);
      assert.equal(encounters[0]?.renderingProviderName, 'Dr. Zoë Lee');
      assert.equal(encounters[0]?.locationName, 'Clinic ✓');
      // In the record-making pass, every chunk was fully processed (progress reported up to the
      // bytes generated so far) before the next one was asked for: the file streams through.
      const second = progressAtPull.filter((p) => p.pass === 2);
      assert.equal(second.length, total / perChunk);
      for (const p of second) assert.equal(p.progress, p.generated);
    });
  });
});
