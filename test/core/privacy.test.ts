import { strict as assert } from 'node:assert';
import { digestKey, pseudonymousKey } from '../../core/privacy';

describe('privacy', () => {
  describe('pseudonymousKey', () => {
    // Keys written by earlier versions must match on re-import: these digests are pinned.
    it('gives the same digests as always (re-imports keep matching)', () => {
      assert.equal(pseudonymousKey('x12-member-id', 'M123456789'), 'pc0c164bb1e1b202a');
      assert.equal(pseudonymousKey('mrn', '000123'), 'p08f0055ebb6c0245');
      assert.equal(pseudonymousKey('fhir-patient', 'é✓'), 'p21e5666ae355c2dc');
      assert.equal(digestKey(['a', 'b']), 'e313fe64d2b7e8b6');
    });

    it('ignores blanks around the identifier and keeps namespaces apart', () => {
      assert.equal(pseudonymousKey('x12-member-id', '  M123456789 '), pseudonymousKey('x12-member-id', 'M123456789'));
      assert.notEqual(pseudonymousKey('mrn', '123'), pseudonymousKey('claim', '123'));
    });
  });
});
