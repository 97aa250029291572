/** The file summary `practice inspect` prints: dates of remittance files (835). */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { main } from '../../cli/main';
import { sourceFromBytes } from '../../connectors/source';
import { import835 } from '../../connectors/x12';
import { summarize } from '../../core/source';
import { fixture, repoRoot } from '../support/paths';

/** YYYYMMDD dates of the raw 835: BPR16 payment date, line service dates (DTM 472/150/151) and PLB02 fiscal period dates. */
function rawDates(text: string): string[] {
  const dates: string[] = [];
  for (const raw of text.split('~')) {
    const e = raw.trim().split('*');
    if (e[0] === 'BPR' && e[16]) dates.push(e[16]);
    else if (e[0] === 'DTM' && ['472', '150', '151'].includes(e[1] ?? '') && e[2]) dates.push(e[2]);
    else if (e[0] === 'PLB' && e[2]) dates.push(e[2]);
  }
  return dates.sort().map((d) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`);
}

describe('core/source', () => {
  describe('summarize', () => {
    // Payments in 2004, services back to 2002, and a PLB fiscal period date of 1996.
    const path = fixture('x12_835', 'oopfactory_5010_Example1.txt');
    const text = readFileSync(path, 'utf8');
    const dates = rawDates(text);

    it('gives an 835 the range of its payment, service and provider-adjustment dates', async () => {
      const result = await import835(sourceFromBytes('Example1.835', new TextEncoder().encode(text)));
      const s = summarize(result);
      assert.equal(s.firstDate, dates[0]);
      assert.equal(s.lastDate, dates[dates.length - 1]);
      assert.equal(s.firstDate, '1996-09-30');
      assert.equal(s.lastDate, '2004-03-15');
    });

    it('is what `practice inspect FILE.835 --json` reports', async () => {
      const out: string[] = [];
      const code = await main(['inspect', path, '--json'], { out: (t) => void out.push(t), err: () => undefined, cwd: repoRoot });
      assert.equal(code, 0);
      const [file] = (JSON.parse(out.join('\n')) as { files: { summary: { firstDate: string; lastDate: string } }[] }).files;
      assert.deepEqual([file?.summary.firstDate, file?.summary.lastDate], [dates[0], dates[dates.length - 1]]);
    });
  });
});
