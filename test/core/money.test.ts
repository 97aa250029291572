import { strict as assert } from 'node:assert';
import { formatCents, parseMoney, plainAmountIn, ratio, roundCents, sumCents } from '../../core/money';

function cents(text: string, decimalSeparator?: '.' | ','): number {
  const r = parseMoney(text, { decimalSeparator });
  if (!r.ok) throw new Error(`${text}: ${r.error}`);
  return r.value;
}

function refusal(text: string, decimalSeparator?: '.' | ','): string {
  const r = parseMoney(text, { decimalSeparator });
  assert.equal(r.ok, false, `${text} should be refused`);
  return r.ok ? '' : r.error;
}

describe('money', () => {
  describe('parseMoney', () => {
    it('reads the forms US exports write', () => {
      assert.equal(cents('$1,234.50'), 123450);
      assert.equal(cents('1234.5'), 123450);
      assert.equal(cents('(123.45)'), -12345);
      assert.equal(cents('-123.45'), -12345);
      assert.equal(cents('123.45-'), -12345);
      assert.equal(cents('$-12.00'), -1200);
      assert.equal(cents('-$12.00'), -1200);
      assert.equal(cents('0.00'), 0);
      assert.equal(cents('  85.55 '), 8555);
      assert.equal(cents('330'), 33000);
      assert.equal(cents('1,234,567.89'), 123456789);
      assert.equal(cents('.5'), 50);
    });

    it('reads a decimal comma under a decimal-comma locale', () => {
      assert.equal(cents('1.234,50', ','), 123450);
      assert.equal(cents('12,5', ','), 1250);
      assert.equal(cents('12.345', ','), 1234500);
      assert.equal(cents('1 234,50 €', ','), 123450);
    });

    it('infers the decimal separator when both separators appear', () => {
      assert.equal(cents('1.234,50'), 123450);
      assert.equal(cents('1,234.50'), 123450);
    });

    it('refuses 12.345 and 12,345 under no locale as ambiguous', () => {
      assert.match(refusal('12.345'), /ambiguous/);
      assert.match(refusal('12,345'), /ambiguous/);
      assert.equal(cents('12,345', '.'), 1234500);
    });

    it('refuses garbage with a message that quotes it', () => {
      assert.match(refusal('abc'), /"abc" is not an amount/);
      assert.match(refusal(''), /empty/);
      assert.match(refusal('1.2.3,4'), /not an amount/);
      assert.match(refusal('12,34,56.00'), /not an amount/);
      assert.match(refusal('=1+1'), /not an amount/);
    });

    it('refuses fractions of a cent but accepts trailing zeros', () => {
      assert.match(refusal('1.005', '.'), /fractions of a cent/);
      assert.equal(cents('1.00000', '.'), 100);
      assert.equal(cents('85.5500'), 8555);
    });
  });

  it('sums and rounds exactly', () => {
    assert.equal(sumCents([1, 2, 3]), 6);
    assert.equal(roundCents(2.5), 3);
    assert.equal(roundCents(-2.5), -3);
    // 1.005 * 100 is 100.49999999999999 in binary; the decimal intent, 100.5, rounds up.
    assert.equal(roundCents(1.005 * 100), 101);
    assert.equal(roundCents(100.4), 100);
    assert.throws(() => sumCents([0.5]));
  });

  it('formats cents for messages and computes ratios from cents', () => {
    assert.equal(formatCents(123450), '$1,234.50');
    assert.equal(formatCents(-5), '-$0.05');
    assert.equal(ratio(1, 4), 0.25);
    assert.equal(ratio(1, 0), null);
  });
});

describe('money (plain machine-written amounts)', () => {
  describe('parseMoney', () => {
    it('reads digits with up to two decimals exactly, the fast way and the general way alike', async () => {
      const fc = await import('fast-check');
      fc.assert(
        fc.property(fc.integer({ min: -99_999_999_99, max: 99_999_999_99 }), fc.boolean(), (cents, oneDecimal) => {
          const abs = Math.abs(cents);
          const whole = Math.floor(abs / 100);
          const frac = abs % 100;
          const useOne = oneDecimal && frac % 10 === 0;
          const text = `${cents < 0 ? '-' : ''}${whole}.${useOne ? String(frac / 10) : String(frac).padStart(2, '0')}`;
          const r = parseMoney(text);
          return r.ok && r.value === cents;
        }),
      );
      assert.equal(cents('007.10'), 710);
      assert.equal(cents('-0.00'), 0);
      assert.equal(Object.is(cents('-0'), 0), true);
      assert.match(refusal('12.345'), /ambiguous/);
      assert.equal(cents('1,5', ','), 150);
    });
  });

  describe('plainAmountIn', () => {
    it('reads the plain form where it lies in a larger text, and leaves every other form to parseMoney', () => {
      const text = 'SVC*HC:99213*-12.5*330*7.05* 1.00*1.234*1,000*.5*5.*$5';
      const at = (value: string) => {
        const start = text.indexOf(`*${value}`) + 1;
        return plainAmountIn(text, start, start + value.length);
      };
      assert.equal(at('-12.5'), -1250);
      assert.equal(at('330'), 33000);
      assert.equal(at('7.05'), 705);
      for (const other of [' 1.00', '1.234', '1,000', '.5', '5.', '$5', 'HC:99213']) assert.equal(at(other), undefined, other);
      assert.equal(plainAmountIn(text, 3, 3), undefined); // an empty element
    });
  });
});
