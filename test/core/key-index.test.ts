import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KeyIndex } from '../../core/key-index';

/** Adds `pairs` to the index and to a Map (the oracle), checking each answer, then every key kept. */
function addAndCompare(index: KeyIndex, map: Map<string, number>, pairs: readonly (readonly [string, number])[]): void {
  for (const [key, value] of pairs) {
    const had = map.get(key);
    assert.equal(index.addIfAbsent(key, value), had ?? -1);
    if (had === undefined) map.set(key, value);
  }
  assert.equal(index.size, map.size);
  for (const [key, value] of map) assert.equal(index.get(key), value);
}

describe('KeyIndex', () => {
  it('keeps the first number of each key, exactly as a Map does (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 8 }), fc.nat(1000)), { maxLength: 3000 }), (pairs) => {
        const index = new KeyIndex();
        addAndCompare(index, new Map(), pairs);
        assert.equal(index.get('\u0000not added'), undefined);
      }),
      { numRuns: 50 },
    );
  });

  it('answers as a Map does when lookups and additions interleave in any order (property)', () => {
    // A get that misses remembers where its key would go; an addition of another key in between
    // (or a rehash) must not let the remembered slot be used.
    const step = fc.tuple(fc.constantFrom('get', 'add'), fc.string({ maxLength: 3 }), fc.nat(1000));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 4000 }), (steps) => {
        const index = new KeyIndex();
        const map = new Map<string, number>();
        for (const [op, key, value] of steps) {
          if (op === 'get') assert.equal(index.get(key), map.get(key));
          else {
            assert.equal(index.addIfAbsent(key, value), map.get(key) ?? -1);
            if (!map.has(key)) map.set(key, value);
          }
        }
        assert.equal(index.size, map.size);
        for (const [key, value] of map) assert.equal(index.get(key), value);
      }),
      { numRuns: 100 },
    );
    // The table grows between the miss and the addition: the key still lands where lookups find it.
    const index = new KeyIndex();
    assert.equal(index.get('late'), undefined);
    for (let i = 0; i < 5000; i++) index.addIfAbsent(`k${i}`, i);
    assert.equal(index.addIfAbsent('late', 7), -1);
    assert.equal(index.get('late'), 7);
    for (let i = 0; i < 5000; i += 97) assert.equal(index.get(`k${i}`), i);
  });

  it('holds 200,000 keys that differ only in their last characters', () => {
    const index = new KeyIndex();
    for (let i = 0; i < 200_000; i++) assert.equal(index.addIfAbsent(`C${String(i).padStart(8, '0')}-1`, i), -1);
    assert.equal(index.size, 200_000);
    assert.equal(index.get('C00123456-1'), 123456);
    assert.equal(index.addIfAbsent('C00000007-1', 99), 7);
  });

  it('stays exact across pages, for keys beyond Latin-1 added after Latin-1 ones, and for very long keys (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ minLength: 4000, maxLength: 9000 })), fc.nat(1000)), {
          maxLength: 400,
        }),
        (pairs) => {
          const index = new KeyIndex();
          const map = new Map<string, number>();
          // Enough short Latin-1 keys first to fill several pages before the generated ones arrive.
          for (let i = 0; i < 30_000; i++) {
            const key = `k\u00e9${i}`;
            index.addIfAbsent(key, i);
            map.set(key, i);
          }
          addAndCompare(index, map, pairs);
          assert.equal(index.get('k\u00e930000'), undefined);
        },
      ),
      { numRuns: 8 },
    );
  });
});
