import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { sourceFromBytes } from '../../../connectors/source';
import { segmentBatches, segmentCode, segmentsOfText, type Segment } from '../../../connectors/x12/tokenizer';
import { fixture } from '../../support/paths';

const isa = (e = '*', c = ':', t = '~') =>
  `ISA${e}00${e}          ${e}00${e}          ${e}ZZ${e}SENDER         ${e}ZZ${e}RECEIVER       ${e}240101${e}1200${e}^${e}00501${e}000000001${e}0${e}P${e}${c}${t}`;

const ids = (segments: readonly Segment[]) => segments.map((s) => s.id);

async function streamed(bytes: Uint8Array, chunkSize: number): Promise<Segment[]> {
  const out: Segment[] = [];
  for await (const batch of segmentBatches(sourceFromBytes('x', bytes, chunkSize).chunks())) out.push(...batch);
  return out;
}

describe('connectors/x12/tokenizer', () => {
  describe('segmentsOfText', () => {
    it('takes the separators from the ISA and numbers segments from 1', () => {
      const { segments } = segmentsOfText(`${isa()}GS*HP*A*B*20240101*1200*1*X*005010X221A1~ST*835*0001~SE*2*0001~`);
      assert.deepEqual(ids(segments), ['ISA', 'GS', 'ST', 'SE']);
      assert.deepEqual(segments.map((s) => s.index), [1, 2, 3, 4]);
      assert.equal(segments[0]?.elements.length, 17);
      assert.deepEqual(segments[0]?.delimiters, { element: '*', component: ':', repetition: '^', segment: '~' });
    });

    it('reads a BOM, CRLF and indented segments', () => {
      const { segments } = segmentsOfText(`\ufeff${isa()}\r\n  GS*HP*A~\r\n    ST*835*0001~\r\n    SE*2*0001~\r\n`);
      assert.deepEqual(ids(segments), ['ISA', 'GS', 'ST', 'SE']);
      assert.deepEqual(segments[2]?.elements, ['ST', '835', '0001']);
    });

    it('reads a line break placed before each terminator', () => {
      const { segments } = segmentsOfText(`${isa('|', '^', '\n~')}GS|HP|A\n~ST|835|0001\n~SE|2|0001\n`);
      assert.deepEqual(ids(segments), ['ISA', 'GS', 'ST', 'SE']);
      assert.equal(segments[0]?.delimiters.segment, '~');
      assert.deepEqual(segments[3]?.elements, ['SE', '2', '0001']);
    });

    it('reads line breaks used as the terminator', () => {
      const { segments } = segmentsOfText(`${isa('*', ':', '\r\n')}GS*HP*A\r\nST*835*0001\r\nSE*2*0001\r\n`);
      assert.deepEqual(ids(segments), ['ISA', 'GS', 'ST', 'SE']);
      assert.equal(segments[0]?.delimiters.segment, '\n');
    });

    it('finds the separators of a space-collapsed ISA by counting element separators', () => {
      const { segments } = segmentsOfText('ISA*00* *00* *ZZ*A *ZZ*B *180613*1230*^*00501*100000300*0*P*>~GS*HP~SVC*HC>99213*1*1~');
      assert.deepEqual(segments[0]?.delimiters, { element: '*', component: '>', repetition: '^', segment: '~' });
      assert.deepEqual(ids(segments), ['ISA', 'GS', 'SVC']);
    });

    it('reads non-default separators ("~" between elements, "_" ending segments)', () => {
      const { segments } = segmentsOfText(`${isa('~', '^', '_')}\nGS~HC~A_\nST~837~1_\n\n\n`);
      assert.deepEqual(ids(segments), ['ISA', 'GS', 'ST']);
      assert.deepEqual(segments[2]?.elements, ['ST', '837', '1']);
    });

    it('infers separators of a bare ST…SE file from its first segment and the component characters in use', () => {
      const { segments } = segmentsOfText('ST*835*1234~BPR*I*10*C*CHK~SVC*HC>99213>25*10*10~SVC*HC>99214*5*5~SE*5*1234~');
      assert.deepEqual(segments[0]?.delimiters, { element: '*', component: '>', repetition: undefined, segment: '~' });
      assert.equal(segments.length, 5);
    });

    it('takes a later interchange\'s component separator', () => {
      const { segments } = segmentsOfText(`${isa('*', ':')}SVC*HC:1~IEA*1*1~${isa('*', '>')}SVC*HC>2~`);
      assert.equal(segments[1]?.delimiters.component, ':');
      assert.equal(segments[4]?.delimiters.component, '>');
    });

    it('joins segments wrapped across lines when "~" terminates segments', () => {
      const { segments } = segmentsOfText(`${isa()}\nCLP*1*1*10\n0.00*100.00~`);
      assert.deepEqual(segments[1]?.elements, ['CLP', '1', '1', '100.00', '100.00']);
    });

    it('cuts the same elements whatever the separators (printable, "|" among the letters, a control character; "~", line breaks, a control character between segments)', async () => {
      const body = [['GS', 'HP', 'A'], ['ST', '835', '0001'], ['CLP', 'C-1', '1', '100.50', '', '12'], ['SVC', 'HC:99213:25', '100.5', '-3'], ['SE', '4', '0001']];
      for (const [e, t] of [['*', '~'], ['|', '~'], ['!', '\n'], ['\x1d', '\x1c'], ['\x1d', '~']] as const) {
        const text = `${isa(e, ':', t)}\n${body.map((x) => x.join(e)).join(`${t}\r\n  `)}${t}`;
        const expected = [isa(e, ':', t).slice(0, -1).split(e), ...body];
        assert.deepEqual(segmentsOfText(text).segments.map((s) => s.elements), expected, JSON.stringify([e, t]));
        for (const size of [1, 5, 64]) {
          const parts = await streamed(new TextEncoder().encode(text), size);
          assert.deepEqual(parts.map((s) => [s.id, s.count, s.element(1), s.element(s.count - 1), s.element(s.count)]), expected.map((x) => [x[0], x.length, x[1], x[x.length - 1], undefined]), `${JSON.stringify([e, t])} in chunks of ${size}`);
        }
      }
    });

    it('joins a wrapped segment but leaves blank lines between segments alone', () => {
      const { segments } = segmentsOfText(`${isa()}\n\n\n  \r\nCLP*1*1\r\n*100~\n\n  \nSVC*HC:99213*1*1~`);
      assert.deepEqual(segments.map((s) => s.elements), [segments[0]?.elements, ['CLP', '1', '1', '100'], ['SVC', 'HC:99213', '1', '1']]);
    });

    it('reports text that is not X12 instead of throwing', () => {
      const { segments, problems } = segmentsOfText('hello, world');
      assert.equal(segments.length, 0);
      assert.equal(problems[0]?.kind, 'not-x12');
    });
  });

  describe('segmentCode', () => {
    it('packs the id\'s character codes into one integer (the literals the 835 reader switches on)', () => {
      assert.equal(segmentCode('CLP'), 0x434c50);
      assert.equal(segmentCode('N1'), 0x4e3100);
      assert.equal(segmentCode('ABCD'), -1);
      assert.equal(segmentsOfText('ST*835*1~SE*1*1~').segments[0]?.code, segmentCode('ST'));
    });
  });

  describe('segmentBatches', () => {
    it('yields the same segments whatever the chunk size (1 byte, 7 bytes, all at once)', async () => {
      const bytes = readFileSync(fixture('x12_835', 'oopfactory_5010_Example1.txt'));
      const whole = segmentsOfText(bytes.toString('utf8')).segments;
      for (const size of [1, 7, bytes.byteLength]) {
        const parts = await streamed(bytes, size);
        assert.deepEqual(parts.map((s) => s.elements), whole.map((s) => s.elements), `chunk size ${size}`);
      }
      assert.equal(whole.length, 102);
    });

    it('cuts text with characters beyond ASCII (read by the general walk) as it cuts ASCII, around them and after them', async () => {
      const text = `${isa()}\nN1*PR*CAFÉ SEGUROS SOCIALES*XV*1~\nNM1*QC*1*MÜLLER*ZOË~\nCLP*1*1*10\n*5~\nSE*4*1~`;
      const expected = [['N1', 'PR', 'CAFÉ SEGUROS SOCIALES', 'XV', '1'], ['NM1', 'QC', '1', 'MÜLLER', 'ZOË'], ['CLP', '1', '1', '10', '5'], ['SE', '4', '1']];
      const bytes = new TextEncoder().encode(text);
      for (const size of [1, 7, 120, bytes.byteLength]) {
        const parts = await streamed(bytes, size);
        assert.deepEqual(parts.slice(1).map((s) => s.elements), expected, `chunk size ${size}`);
      }
    });
  });
});
