import { strict as assert } from 'node:assert';
import { readAll, sourceFromBlob } from '../../connectors/source';

describe('connectors/source', () => {
  describe('sourceFromBlob', () => {
    it('reads a Blob slice by slice, from the start each time it is asked', async () => {
      const bytes = new TextEncoder().encode('Claim ID,Charge\nC1,10.00\nC2,20.00\n');
      const source = sourceFromBlob('charges.csv', new Blob([bytes]), 8);
      const sizes: number[] = [];
      for await (const chunk of source.chunks()) sizes.push(chunk.byteLength);
      assert.deepEqual(sizes, [8, 8, 8, 8, 2]);
      assert.deepEqual(await readAll(source), bytes);
      assert.deepEqual({ name: source.name, size: source.size }, { name: 'charges.csv', size: bytes.byteLength });
    });
  });
});
