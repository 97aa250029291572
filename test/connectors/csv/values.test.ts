/**
 * Cell readers (connectors/csv/values.ts) on texts that repeat in the patterns an export has: the
 * same few values on most rows, and different values that land in the same slot of a reader's cache
 * of recent texts (same length, same last character). Every reading must be the one the text alone
 * gives, whatever was read before it.
 */
import { strict as assert } from 'node:assert';
import { readerFor, type CellReader } from '../../../connectors/csv/values';
import { InputColumn } from '../../../connectors/profiles/schema';

const reader = (input: Record<string, unknown>): CellReader => readerFor(InputColumn.parse({ headers: ['x'], ...input }), {});

/** Texts in pairs that share a length and a last character, then others, in a fixed shuffled order. */
const CODES = ['99213', '99223', '99214', '99224', 'J06.9', 'R51.9', 'E66.9', 'Z00.00', 'I10', 'I20'];
const sequence = (n: number): string[] => Array.from({ length: n }, (_, i) => CODES[(i * 7 + (i >> 3)) % CODES.length] as string);

describe('cell readers', () => {
  it('text: each reading is its own text, however texts collide', () => {
    const read = reader({ kind: 'text' });
    // A fresh copy each time, as the tokenizer cuts each cell anew.
    for (const text of sequence(30_000)) assert.equal(read((' ' + text).slice(1)), text);
  });

  it('list: each reading is the split of its own text, however texts collide', () => {
    const read = reader({ kind: 'list', separator: ';' });
    const texts = sequence(30_000).map((t, i) => (i % 3 === 0 ? `${t};${CODES[(i >> 2) % CODES.length] as string}` : t));
    for (const text of texts) assert.deepEqual(read((' ' + text).slice(1)), text.split(';'));
  });

  it('mapped text: each reading is the value its own text maps to', () => {
    const values = Object.fromEntries(CODES.map((c, i) => [c, `v${i}`]));
    const read = reader({ kind: 'text', values });
    for (const text of sequence(30_000)) assert.equal(read(text), `v${CODES.indexOf(text)}`);
  });
});
