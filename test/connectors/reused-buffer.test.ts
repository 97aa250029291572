/** SourceFile lets a source read every chunk into one buffer (the CLI's does): importers must copy what they keep. */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { importSource } from '../../connectors';
import { readAll, readHead, sourceFromBytes, type SourceFile } from '../../connectors/source';
import { fixture } from '../support/paths';

/** `bytes` handed out `size` at a time, each chunk written into the same buffer, which is scribbled over once taken back. */
function reusingSource(name: string, bytes: Uint8Array, size: number): SourceFile {
  return {
    name,
    size: bytes.byteLength,
    async *chunks() {
      const buffer = new Uint8Array(size);
      for (let at = 0; at < bytes.byteLength; at += size) {
        const n = Math.min(size, bytes.byteLength - at);
        buffer.set(bytes.subarray(at, at + n));
        yield buffer.subarray(0, n);
        buffer.fill(0x3f);
      }
    },
  };
}

describe('connectors: a source that reuses its buffer', () => {
  const files = [fixture('x12_835', 'oopfactory_5010_Example1.txt'), fixture('x12_837p', readdirFirst('x12_837p')), fixture('synthea_csv', 'claims.csv')];
  for (const path of files) {
    it(`imports ${path.split('/').pop()} as a source of separate chunks does, in any chunk size`, async () => {
      const bytes = readFileSync(path);
      const name = path.split('/').pop() as string;
      const expected = await importSource(sourceFromBytes(name, bytes));
      for (const size of [7, 300, 4096]) {
        const got = await importSource(reusingSource(name, bytes, size));
        assert.deepEqual(got, expected, `chunk size ${size}`);
      }
    });
  }
  it('reads the head and the whole file as they are', async () => {
    const bytes = readFileSync(files[0] as string);
    assert.deepEqual(await readAll(reusingSource('x', bytes, 100)), new Uint8Array(bytes));
    assert.deepEqual(await readHead(reusingSource('x', bytes, 100), 1000), new Uint8Array(bytes.subarray(0, 1000)));
  });
});

function readdirFirst(folder: string): string {
  return (readdirSync(fixture(folder)).sort()[0] as string);
}
