import { strict as assert } from 'node:assert';
import {
  BASE_ALLOWED_CENTS,
  FICTIONAL_FIRST_NAMES,
  FICTIONAL_LAST_NAMES,
  PAYERS,
  PROCEDURES,
  buildPractice,
  contractAllowedCents,
  isValidNpi,
  npiCheckDigit,
} from '../../../cli/demo/practice';

describe('cli/demo/practice', () => {
  describe('npiCheckDigit', () => {
    it('gives 3 for 123456789, the example in the CMS NPI check-digit note', () => {
      assert.equal(npiCheckDigit('123456789'), 3);
      assert.equal(isValidNpi('1234567893'), true);
      assert.equal(isValidNpi('1234567890'), false);
    });

    it('matches a Luhn check written out by hand for 80840 + 9 digits', () => {
      // Independent Luhn: append the candidate digit and require the full 15-digit sum ≡ 0 (mod 10).
      const luhnOk = (s: string) =>
        [...s].reverse().reduce((sum, ch, i) => {
          let d = Number(ch) * (i % 2 === 1 ? 2 : 1);
          if (d > 9) d -= 9;
          return sum + d;
        }, 0) % 10 === 0;
      for (const nine of ['100000000', '198765432', '255555555', '112233445']) {
        const digit = npiCheckDigit(nine);
        assert.ok(luhnOk(`80840${nine}${digit}`), nine);
        assert.ok(!luhnOk(`80840${nine}${(digit + 1) % 10}`), nine);
      }
    });
  });

  describe('buildPractice', () => {
    it('makes 8–15 providers with valid, distinct NPIs and names from the fictional lists only', () => {
      for (const count of [8, 10, 15]) {
        const practice = buildPractice({ seed: 5, providers: count });
        assert.equal(practice.providers.length, count);
        const npis = practice.providers.map((p) => p.npi);
        assert.equal(new Set(npis).size, count);
        for (const p of practice.providers) {
          assert.ok(isValidNpi(p.npi), p.npi);
          assert.ok((FICTIONAL_FIRST_NAMES as readonly string[]).includes(p.firstName), p.name);
          assert.ok((FICTIONAL_LAST_NAMES as readonly string[]).includes(p.lastName), p.name);
          assert.match(p.name, /^(Dr\. \w+ \w+|\w+ \w+, (NP|PA-C))$/);
        }
        assert.ok(isValidNpi(practice.billingProvider.npi));
        assert.ok(practice.locations.length >= 2 && practice.locations.length <= 4);
      }
    });

    it('is the same practice for the same seed', () => {
      assert.deepEqual(buildPractice({ seed: 9, providers: 10 }), buildPractice({ seed: 9, providers: 10 }));
      assert.notDeepEqual(buildPractice({ seed: 9, providers: 10 }).providers, buildPractice({ seed: 10, providers: 10 }).providers);
    });
  });

  describe('PAYERS', () => {
    it('has 6–10 payers covering Medicare, Medicaid, commercial, Medicare Advantage and self-pay', () => {
      assert.ok(PAYERS.length >= 6 && PAYERS.length <= 10);
      const plans = new Set(PAYERS.map((p) => p.plan));
      for (const plan of ['medicare', 'medicaid', 'commercial', 'medicare_advantage', 'self_pay'] as const) assert.ok(plans.has(plan), plan);
      assert.ok(PAYERS.filter((p) => p.plan === 'commercial').length >= 2);
      assert.ok(PAYERS.some((p) => p.underpayments.length > 0));
    });
  });

  describe('contractAllowedCents', () => {
    it('is the contract percentage of the base amount, rounded to the cent', () => {
      const medicaid = PAYERS.find((p) => p.payerId === '00902');
      assert.ok(medicaid);
      // 99213 base $89.00 at 72 % = $64.08; two units of 90471 at the 85 % override: 2 × 16.50 × 0.85 = $28.05.
      assert.equal(contractAllowedCents(medicaid, '99213'), 6408);
      assert.equal(contractAllowedCents(medicaid, '90471', 2), 2805);
    });

    it('stays below the charge master for every code and payer (charges are billed above allowed)', () => {
      for (const proc of PROCEDURES) {
        assert.ok(BASE_ALLOWED_CENTS[proc.code] !== undefined, proc.code);
        for (const payer of PAYERS) assert.ok(contractAllowedCents(payer, proc.code) < proc.chargeCents, `${payer.name} ${proc.code}`);
      }
    });
  });
});
