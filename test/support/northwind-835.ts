/**
 * A one-claim 835 from the test payer Northwind, shared by the contract tests: 99213 billed $400,
 * allowed $105.00 (the test contract says $111.17, so it is underpaid) and 36415 billed $20 at its
 * $3.50 carve-out. Σ CLP04 = BPR02 = $108.50.
 */
export const northwind835 = [
  'ST*835*0001~',
  'BPR*I*108.50*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999999999*DA*123456*20250320~',
  'TRN*1*EFT0001*1512345678~',
  'N1*PR*Northwind*XV*00905~',
  'N1*PE*Test Clinic*XX*1234567893~',
  'LX*1~',
  'CLP*CLM1*1*420*108.5**12*PAYERCTL1~',
  'SVC*HC:99213*400*105**1~',
  'DTM*472*20250303~',
  'CAS*CO*45*295~',
  'AMT*B6*105~',
  'SVC*HC:36415*20*3.5**1~',
  'DTM*472*20250303~',
  'CAS*CO*45*16.5~',
  'AMT*B6*3.5~',
  'SE*15*0001~',
].join('\n');
