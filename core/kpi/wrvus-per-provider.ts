import { defineKpi, needs } from './define';
import { distinct, fact } from './expr';

/** Work RVUs per provider, from the CMS RVU file. */
export const wrvusPerProvider = defineKpi({
  id: 'wrvus_per_provider',
  label: 'wRVUs per provider',
  group: 'volume and productivity',
  unit: 'rvu',
  direction: 'higher',
  numeratorText: 'work RVUs of charge lines with a date of service in the period (CMS work RVU × units)',
  denominatorText: 'providers with at least one encounter in the period',
  formulaText: 'Σ work RVUs ÷ providers',
  dateBasis: 'date of service',
  inclusion: 'work RVUs from the CMS physician fee schedule RVU file (PPRRVU) by code and modifier; codes without an RVU add nothing',
  source: 'MGMA (work RVUs per provider; per head count here, since FTEs are not in the exports)',
  needs: (a) => (!a.workRvus ? needs('the CMS RVU file') : !a.encounters ? needs('encounters or charge lines') : undefined),
  numerator: () => fact('workRvus'),
  denominator: () => distinct('providers'),
  emptyDenominator: 'no providers with encounters in the period',
});
