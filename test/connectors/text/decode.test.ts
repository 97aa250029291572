import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { decodeText, sniffEncoding, TextStreamDecoder } from '../../../connectors/text/decode';
import { fixture } from '../../support/paths';

/** A Synthea providers row with an accented name put in, so every encoding has a non-ASCII character. */
function accentedProvidersText(): string {
  const lines = readFileSync(fixture('synthea_csv', 'providers.csv'), 'utf8').split('\n');
  const header = lines[0] ?? '';
  const row = (lines[1] ?? '').split(',');
  row[2] = 'Zoë Müller-Gonçalves';
  return `${header}\n${row.join(',')}\n`;
}

/** UTF-16 bytes written by hand (not through TextDecoder/Buffer codecs under test). */
function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  let o = 0;
  const put = (code: number) => {
    out[o++] = bigEndian ? code >> 8 : code & 0xff;
    out[o++] = bigEndian ? code & 0xff : code >> 8;
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < text.length; i++) put(text.charCodeAt(i));
  return out;
}

/** Windows-1252 for Latin-1 text: each character below 256 is one byte. */
function windows1252(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => {
    const code = c.charCodeAt(0);
    if (code > 255) throw new Error('test text must be Latin-1');
    return code;
  });
}

function streamIn(bytes: Uint8Array, chunkSize: number): { text: string; decoder: TextStreamDecoder } {
  const decoder = new TextStreamDecoder('x.csv');
  let text = '';
  for (let i = 0; i < bytes.byteLength; i += chunkSize) text += decoder.write(bytes.subarray(i, i + chunkSize));
  text += decoder.end();
  return { text, decoder };
}

describe('connectors/text/decode', () => {
  const text = accentedProvidersText();
  const utf8 = new TextEncoder().encode(text);

  describe('sniffEncoding', () => {
    it('reads byte-order marks', () => {
      assert.deepEqual(sniffEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41])), { encoding: 'utf-8', bomLength: 3 });
      assert.deepEqual(sniffEncoding(Uint8Array.from([0xff, 0xfe, 0x41, 0])), { encoding: 'utf-16le', bomLength: 2 });
      assert.deepEqual(sniffEncoding(Uint8Array.from([0xfe, 0xff, 0, 0x41])), { encoding: 'utf-16be', bomLength: 2 });
    });
    it('recognises UTF-16 without a BOM by its zero bytes', () => {
      assert.equal(sniffEncoding(utf16(text, false, false)).encoding, 'utf-16le');
      assert.equal(sniffEncoding(utf16(text, true, false)).encoding, 'utf-16be');
    });
  });

  describe('TextStreamDecoder', () => {
    it('reads UTF-8 without and with a BOM (the BOM is not part of the first header)', () => {
      assert.equal(streamIn(utf8, 1 << 16).text, text);
      const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
      const r = streamIn(withBom, 1 << 16);
      assert.equal(r.text, text);
      assert.ok(r.text.startsWith('Id,'));
      assert.deepEqual(r.decoder.issues, []);
    });
    it('reads UTF-8 when chunk boundaries fall inside multibyte characters', () => {
      for (const size of [1, 2, 3, 5, 7]) assert.equal(streamIn(utf8, size).text, text, `chunk size ${size}`);
    });
    it('reads UTF-16 LE and BE with a BOM, in odd-sized chunks', () => {
      for (const be of [false, true]) {
        for (const size of [1, 3, 4096]) assert.equal(streamIn(utf16(text, be, true), size).text, text);
      }
    });
    it('reads Windows-1252 when the bytes are not UTF-8, and says so', () => {
      const bytes = windows1252(text);
      for (const size of [1, 4, 1 << 16]) {
        const r = streamIn(bytes, size);
        assert.equal(r.text, text);
        assert.equal(r.decoder.encoding, 'windows-1252');
        assert.equal(r.decoder.issues.length, 1);
        assert.equal(r.decoder.issues[0]?.severity, 'info');
        assert.match(r.decoder.issues[0]?.message ?? '', /Windows-1252/);
      }
    });
    it('maps the Windows-1252 specials (curly quotes, euro) that Latin-1 lacks', () => {
      const r = decodeText(Uint8Array.from([0x93, 0x41, 0x94, 0x20, 0x80]));
      assert.equal(r.text, '\u201cA\u201d \u20ac');
    });
    it('drops only the first byte-order mark after the one the sniff reads (as a streaming decoder does), in any chunk size', () => {
      const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41, 0xef, 0xbb, 0xbf, ...new Uint8Array(600).fill(0x42)]);
      for (const size of [1, 4, 700]) assert.equal(streamIn(bytes, size).text, `A\ufeff${'B'.repeat(600)}`, `chunk size ${size}`);
    });
    it('takes a byte run at a chunk end that cannot begin a character (E0 80) for bad UTF-8 in that chunk', () => {
      // "é" in UTF-8 then E0 80: with the invalid run cut at the chunk end, the whole chunk is read as Windows-1252.
      const bytes = Uint8Array.from([...new Uint8Array(600).fill(0x41), 0xc3, 0xa9, 0xe0, 0x80, 0x42]);
      const r = streamIn(bytes, 604);
      assert.equal(r.text, `${'A'.repeat(600)}\u00c3\u00a9\u00e0\u20acB`);
      assert.equal(r.decoder.encoding, 'windows-1252');
    });
    it('falls back when the invalid byte is the very last one', () => {
      const r = decodeText(Uint8Array.from([0x41, 0x42, 0xe9]));
      assert.equal(r.text, 'ABé');
      assert.equal(r.encoding, 'windows-1252');
    });
  });

  describe('decodeText', () => {
    it('does not take a character cut at the end of a head for bad UTF-8', () => {
      const cut = utf8.subarray(0, text.indexOf('ë') + 1 + new TextEncoder().encode(text.slice(0, text.indexOf('ë'))).byteLength - text.indexOf('ë'));
      const r = decodeText(cut, 'x', true);
      assert.equal(r.encoding, 'utf-8');
    });
  });
});
