import { strict as assert } from 'node:assert';
import { payerClassFromName } from '../../core/model/common';

describe('model/common', () => {
  describe('payerClassFromName', () => {
    it('reads payer classes from the names exports use', () => {
      assert.equal(payerClassFromName('NO_INSURANCE'), 'self_pay');
      assert.equal(payerClassFromName('Self-Pay'), 'self_pay');
      assert.equal(payerClassFromName('Medicare Part B'), 'medicare');
      assert.equal(payerClassFromName('MassHealth'), 'medicaid');
      assert.equal(payerClassFromName('Blue Cross'), 'commercial');
      assert.equal(payerClassFromName(''), 'unknown');
    });
  });
});
