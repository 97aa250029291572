import { defineKpi, needs } from './define';
import { fact } from './expr';

/** New-patient ratio: new-patient visits as a share of visits. */
export const newPatientRatio = defineKpi({
  id: 'new_patient_ratio',
  label: 'New-patient ratio',
  group: 'volume and productivity',
  unit: 'ratio',
  direction: 'neutral',
  numeratorText: 'new-patient visits in the period',
  denominatorText: 'visits in the period whose new/established status is known',
  formulaText: 'new-patient visits ÷ visits',
  dateBasis: 'encounter date (or date of service for E/M codes)',
  inclusion:
    'the new-patient flag of encounters (or completed appointments); without one, E/M codes on charge lines: 99202–99205 and 99381–99387 new, 99211–99215 and 99391–99397 established',
  source: 'defined by Practice Workbench: MGMA reports new-patient visits as a share of total visits; we count only visits whose status is known so a missing flag does not read as “established”',
  needs: (a) => (a.newPatientFlag === 'none' ? needs('a new-patient flag or E/M procedure codes') : undefined),
  numerator: () => fact('newPatientVisits'),
  denominator: () => fact('visitsWithNewFlag'),
  emptyDenominator: 'no visits with a known new/established status in the period',
});
