import assert from 'node:assert/strict';
import fc from 'fast-check';
import Papa from 'papaparse';
import { DelimitedTokenizer, type Newline } from '../../../connectors/csv/tokenizer';

/** Rows and errors from our tokenizer, the text fed in pieces cut at `cuts`. */
function tokenize(text: string, newline: Newline, cuts: readonly number[] = []) {
  const rows: { cells: string[]; line: number }[] = [];
  const errors: number[] = [];
  const t = new DelimitedTokenizer(',', newline, (cells, line) => rows.push({ cells, line }), (line) => errors.push(line));
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    t.push(text.slice(at, cut));
    at = Math.max(at, cut);
  }
  t.push(text.slice(at));
  t.end();
  return { rows, errors };
}

describe('delimited tokenizer', () => {
  it('cuts quote-free lines and walks quoted ones, with embedded delimiters, quotes and line breaks', () => {
    const { rows, errors } = tokenize('a,b,c\n1,"x, y",3\n"multi\nline","say ""hi""",\n4,5,6', '\n');
    assert.deepEqual(
      rows.map((r) => r.cells),
      [['a', 'b', 'c'], ['1', 'x, y', '3'], ['multi\nline', 'say "hi"', ''], ['4', '5', '6']],
    );
    assert.deepEqual(
      rows.map((r) => r.line),
      [1, 2, 3, 5],
    );
    assert.deepEqual(errors, []);
  });

  it('reports an unterminated quote on the line its row starts, and reads the rest as the field', () => {
    const { rows, errors } = tokenize('a,b\n1,"open\n2,3\n', '\n');
    assert.deepEqual(rows[1]?.cells, ['1', 'open\n2,3\n']);
    assert.deepEqual(errors, [2]);
  });

  it('reads CRLF files', () => {
    const { rows } = tokenize('a,b\r\n"1\r\n2",3\r\n4,5\r\n', '\r\n');
    assert.deepEqual(
      rows.map((r) => [r.cells, r.line]),
      [
        [['a', 'b'], 1],
        [['1\r\n2', '3'], 2],
        [['4', '5'], 4],
      ],
    );
  });

  it('gives the rows papaparse gives, however the text is cut into chunks (property)', () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-z0-9 ]{0,6}$/),
      fc.stringMatching(/^[a-z,\n" ]{0,6}$/).map((s) => `"${s.replace(/"/g, '""')}"`),
    );
    const row = fc.array(field, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(','));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(200), { maxLength: 6 }), (lines, cuts) => {
        const text = lines.join('\n');
        const expected = Papa.parse<string[]>(text, { delimiter: ',', newline: '\n', quoteChar: '"' });
        const ours = tokenize(text, '\n', cuts);
        // papaparse also gives the empty text after a final line break as a row; we do not (blank rows are skipped anyway).
        const papaRows = text.endsWith('\n') && expected.errors.length === 0 ? expected.data.slice(0, -1) : expected.data;
        assert.deepEqual(
          ours.rows.map((r) => r.cells),
          papaRows,
        );
        assert.equal(ours.errors.length > 0, expected.errors.length > 0);
      }),
      { numRuns: 300 },
    );
  });
});
