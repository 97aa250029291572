import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KeyIndex, naturalCompare } from '../../core/key-index';

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

/** The order the index keeps its run in, from its definition: tokens (each run of digits, each other code unit) compared in turn. */
function tokenOrder(x: string, y: string): number {
  const tx = x.match(/[0-9]+|[^0-9]/g) ?? [];
  const ty = y.match(/[0-9]+|[^0-9]/g) ?? [];
  for (let i = 0; i < Math.min(tx.length, ty.length); i++) {
    const a = tx[i] as string;
    const b = ty[i] as string;
    if (a === b) continue;
    const digits = /^[0-9]/.test(a) && /^[0-9]/.test(b);
    if (digits && a.length !== b.length) return a.length - b.length;
    return digits ? (a < b ? -1 : 1) : a.charCodeAt(0) - b.charCodeAt(0);
  }
  return tx.length - ty.length;
}

/** Keys shaped like an export's ids: claim-line, unpadded and padded counters, a prefix or none. */
const idKey = fc
  .tuple(fc.constantFrom('', 'C', 'C0', 'TX-', 'a9b'), fc.nat(1200), fc.option(fc.nat(14), { nil: undefined }))
  .map(([prefix, n, line]) => (line === undefined ? `${prefix}${n}` : `${prefix}${n}-${line}`));

describe('KeyIndex', () => {
  it('orders keys naturally: digit runs as numbers, so 999 < 1000 and C9-2 < C9-10 < C10-1', () => {
    const sorted = ['', '0', '1', '9', '10', '99', '999', '1000', 'C9-2', 'C9-10', 'C10-1', 'C10-1a', 'C10-2', 'C00000009-10', 'C00000010-1', 'a', 'a1', 'a1b', 'a12', 'b'];
    for (let i = 0; i < sorted.length; i++)
      for (let j = 0; j < sorted.length; j++) assert.equal(Math.sign(naturalCompare(sorted[i] as string, sorted[j] as string)), Math.sign(i - j), `${sorted[i]} vs ${sorted[j]}`);
  });

  it('compares as the token order does, for any two strings (property)', () => {
    const text = fc.string({
      unit: fc.constantFrom('0', '1', '2', '9', '-', 'a', 'Z', '\u00e9', '\u4e00'),
      maxLength: 10,
    });
    fc.assert(
      fc.property(text, text, (x, y) => {
        assert.equal(Math.sign(naturalCompare(x, y)), Math.sign(tokenOrder(x, y)));
        // Through the index too (its keys' characters are read from its pages).
        const index = new KeyIndex();
        index.addIfAbsent(y, 1);
        assert.equal(index.addIfAbsent(x, 2), x === y ? 1 : -1);
        assert.equal(index.get(y), 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds every key again when an export in key order is read twice, or arrives with stragglers and repeats (property)', () => {
    const keys = fc.uniqueArray(idKey, { minLength: 1, maxLength: 1500 }).map((k) => k.sort(naturalCompare));
    fc.assert(
      fc.property(keys, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 40 }), fc.nat(), (sorted, swaps, cut) => {
        // In order, then the same export again: every key of the second pass is a duplicate.
        const index = new KeyIndex();
        const map = new Map<string, number>();
        addAndCompare(
          index,
          map,
          sorted.map((k, i) => [k, i]),
        );
        addAndCompare(
          index,
          map,
          sorted.map((k, i) => [k, i + 100_000]),
        );
        // Mostly in order: a few keys swapped, and a tail of the file repeated from somewhere in it.
        const shuffled = [...sorted];
        for (const [a, b] of swaps) {
          const i = a % shuffled.length;
          const j = b % shuffled.length;
          [shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string];
        }
        const from = cut % shuffled.length;
        addAndCompare(
          new KeyIndex(),
          new Map(),
          [...shuffled, ...shuffled.slice(from)].map((k, i) => [k, i]),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('stays exact when keys stop coming in order (the run given up for the hash table)', () => {
    const index = new KeyIndex();
    const map = new Map<string, number>();
    const n = 20_000;
    addAndCompare(
      index,
      map,
      Array.from({ length: n }, (_, i) => [`C${i}-1`, i] as const),
    );
    // A second export in no order: new keys mixed with ones already seen, enough to give the run up.
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % (2 * n);
    addAndCompare(
      index,
      map,
      Array.from({ length: 3 * n }, (_, i) => [`C${next()}-1`, n + i] as const),
    );
    assert.ok(map.size > n + n / 2);
  });

  it('keeps the first number of each key, exactly as a Map does (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 8 }), fc.nat(1000)), {
          maxLength: 3000,
        }),
        (pairs) => {
          const index = new KeyIndex();
          addAndCompare(index, new Map(), pairs);
          assert.equal(index.get('\u0000not added'), undefined);
        },
      ),
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
