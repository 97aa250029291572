import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KeyIndex } from '../../core/key-index';

describe('KeyIndex', () => {
  it('keeps the first number of each key, exactly as a Map does (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 8 }), fc.nat(1000)), { maxLength: 3000 }), (pairs) => {
        const index = new KeyIndex();
        const map = new Map<string, number>();
        for (const [key, value] of pairs) {
          const had = map.get(key);
          assert.equal(index.addIfAbsent(key, value), had ?? -1);
          if (had === undefined) map.set(key, value);
        }
        assert.equal(index.size, map.size);
        for (const [key, value] of map) assert.equal(index.get(key), value);
        assert.equal(index.get('\u0000not added'), undefined);
      }),
      { numRuns: 50 },
    );
  });

  it('holds 200,000 keys that differ only in their last characters', () => {
    const index = new KeyIndex();
    for (let i = 0; i < 200_000; i++) assert.equal(index.addIfAbsent(`C${String(i).padStart(8, '0')}-1`, i), -1);
    assert.equal(index.size, 200_000);
    assert.equal(index.get('C00123456-1'), 123456);
    assert.equal(index.addIfAbsent('C00000007-1', 99), 7);
  });
});
