import { strict as assert } from 'node:assert';
import { Random } from '../../../cli/demo/random';

describe('cli/demo/random', () => {
  describe('Random', () => {
    it('repeats the same sequence for the same seed and differs for another seed', () => {
      const draw = (seed: number) => Array.from({ length: 20 }, ((r) => () => r.next())(new Random(seed)));
      assert.deepEqual(draw(42), draw(42));
      assert.notDeepEqual(draw(42), draw(43));
    });

    it('keeps int() within its bounds and reaches both ends', () => {
      const r = new Random(7);
      const seen = new Set<number>();
      for (let i = 0; i < 2000; i++) {
        const v = r.int(3, 6);
        assert.ok(v >= 3 && v <= 6 && Number.isInteger(v));
        seen.add(v);
      }
      assert.deepEqual([...seen].sort(), [3, 4, 5, 6]);
    });

    it('gives independent streams per label from one seed', () => {
      assert.notEqual(Random.derive(1, 'a').next(), Random.derive(1, 'b').next());
      assert.equal(Random.derive(1, 'a').next(), Random.derive(1, 'a').next());
    });

    it('draws weighted items in proportion to their weights', () => {
      const r = new Random(11);
      let heavy = 0;
      for (let i = 0; i < 10_000; i++) if (r.weighted([['heavy', 3], ['light', 1]] as const) === 'heavy') heavy++;
      assert.ok(heavy > 7_200 && heavy < 7_800, `heavy ${heavy} of 10000, expected about 7500`);
    });
  });
});
