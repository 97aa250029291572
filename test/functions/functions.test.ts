import { strict as assert } from 'node:assert';
import { depreciation, flexBudget, material, pctMedicare, spread, variance } from '../../functions/budget';
import { daysInAr, definitionText, denialRate, grossCollectionRate, kpi, kpiInputNames, kpiList, netCollectionRate, noShowRate } from '../../functions/kpi';
import { FakeCustomFunctionError, installFakeCustomFunctions } from '../fakes/custom-functions';

before(() => {
  installFakeCustomFunctions();
});

/** Runs a custom function expecting the error Excel would show; returns it for message checks. */
function sheetError(call: () => unknown, code: string): FakeCustomFunctionError {
  try {
    call();
  } catch (e) {
    assert.ok(e instanceof FakeCustomFunctionError, `expected a CustomFunctions.Error, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    assert.ok(e.message.length > 5, 'the error carries a message');
    return e;
  }
  assert.fail('expected an error');
}

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);

describe('functions/kpi', () => {
  describe('NETCOLLECTIONRATE', () => {
    it('divides summed payments by charges net of contractual adjustments', () => {
      // 900 + 100 paid of 1,500 − 300 collectible
      close(netCollectionRate([[900], [100]], [[1500]], [[300]]), 1000 / 1200);
    });
    it('skips blank cells in a range', () => {
      close(netCollectionRate([[500, '' as unknown as number], [null as unknown as number, 250]], [[1000]], [[250]]), 750 / 750);
    });
    it('reports text in a range as #VALUE! naming the text', () => {
      const e = sheetError(() => netCollectionRate([[900], ['n/a' as unknown as number]], [[1500]], [[300]]), '#VALUE!');
      assert.match(e.message, /payments contains "n\/a"/);
    });
    it('reports charges wholly written off as #DIV/0! with the denominator in words', () => {
      const e = sheetError(() => netCollectionRate([[0]], [[300]], [[300]]), '#DIV/0!');
      assert.match(e.message, /charges/);
    });
  });

  describe('GROSSCOLLECTIONRATE', () => {
    it('divides payments by gross charges', () => close(grossCollectionRate([[420]], [[1000]]), 0.42));
    it('refuses an empty range', () => {
      sheetError(() => grossCollectionRate([['' as unknown as number]], [[1000]]), '#VALUE!');
    });
  });

  describe('DAYSINAR', () => {
    it('divides open A/R by average daily net revenue of 3 months', () => {
      // net revenue 9,000 − 900 = 8,100 over 90 days = 90 a day; 4,500 open → 50 days
      close(daysInAr([[4500]], [[3000], [3000], [3000]], [[900]], 90), 50);
    });
    it('uses 91 days when none are given', () => close(daysInAr([[910]], [[9100]], [[0]]), 910 / (9100 / 91)));
    it('refuses fewer than one day', () => {
      sheetError(() => daysInAr([[1]], [[1]], [[0]], 0), '#VALUE!');
    });
  });

  describe('DENIALRATE', () => {
    it('divides initial denials by claims adjudicated', () => close(denialRate([[12]], [[240]]), 0.05));
  });

  describe('NOSHOWRATE', () => {
    it('divides no-shows by completed plus no-shows', () => close(noShowRate([[10]], [[90]]), 0.1));
  });

  describe('KPI', () => {
    it('evaluates a registered definition from a two-column range of named inputs', () => {
      const inputs = [
        ['Payments', 800],
        ['Charges', 1000],
        ['Contractual adjustments', 200],
      ];
      close(kpi('net_collection_rate', inputs), 1);
      close(kpi('NET_COLLECTION_RATE', inputs), 1);
    });
    it('reads names across two rows too, and ignores case in names', () => {
      close(kpi('no_show_rate', [['no shows', 'completed', 'Cancelled'], [5, 45, 99]]), 0.1);
    });
    it('evaluates a count KPI (no denominator) to its numerator', () => close(kpi('encounters', [['Encounters', 321]]), 321));
    it('averages the denial denominator over three months for a month, not for T12', () => {
      const inputs = [
        ['Initial denials', 6],
        ['Claims adjudicated', 120],
        ['Claims adjudicated (last 3 months)', 360],
      ];
      close(kpi('initial_denial_rate_count', inputs), 6 / (360 / 3));
      close(kpi('initial_denial_rate_count', inputs, 't12'), 6 / 120);
    });
    it('names the inputs a KPI still needs as #N/A', () => {
      const e = sheetError(() => kpi('net_collection_rate', [['Payments', 800]]), '#N/A');
      assert.match(e.message, /needs Charges, Contractual adjustments/);
    });
    it('refuses an unknown id as #N/A and a bad period as #VALUE!', () => {
      assert.match(sheetError(() => kpi('collection_rate', [['Payments', 1]]), '#N/A').message, /not a KPI id/);
      sheetError(() => kpi('no_show_rate', [['No shows', 1], ['Completed', 1]], 'quarter'), '#VALUE!');
    });
    it('refuses inputs that are not a range of names and values', () => {
      sheetError(() => kpi('no_show_rate', [[1]]), '#VALUE!');
    });
  });

  describe('KPIINPUTS', () => {
    it('lists the inputs of days in A/R in the words of the data tables', () => {
      assert.deepEqual(kpiInputNames('days_in_ar'), [['Open A/R'], ['Charges (last 3 months)'], ['Contractual adjustments (last 3 months)'], ['Days in the 3 months']]);
    });
  });

  describe('KPIS', () => {
    it('lists every KPI id with its label', () => {
      const rows = kpiList();
      assert.ok(rows.length >= 20);
      assert.ok(rows.some(([id, label]) => id === 'no_show_rate' && label === 'No-show rate'));
    });
  });

  describe('DEFINITION', () => {
    it('returns the formula in words and its source', () => {
      assert.equal(
        definitionText('no_show_rate').split('. Source: ')[0],
        'No-show rate: no-shows ÷ (completed + no-shows)',
      );
      assert.match(definitionText('days_in_ar'), /Source: HFMA MAP Keys/);
    });
    it('refuses an empty id', () => {
      sheetError(() => definitionText(''), '#VALUE!');
    });
  });
});

describe('functions/budget', () => {
  describe('VARIANCE', () => {
    it('marks revenue over budget favourable and expense over budget unfavourable', () => {
      assert.deepEqual(variance(110, 100, 'revenue'), [[10, 0.1, 'F']]);
      assert.deepEqual(variance(110, 100, 'expense'), [[10, 0.1, 'U']]);
    });
    it('refuses an unknown account type', () => {
      assert.match(sheetError(() => variance(1, 1, 'asset'), '#VALUE!').message, /not an account type/);
    });
  });
  describe('MATERIAL', () => {
    it('needs both thresholds with AND and either with OR', () => {
      // $500 over a $10,000 budget: 5 %
      assert.equal(material(10500, 10000, 1000, 0.03), false);
      assert.equal(material(10500, 10000, 1000, 0.03, 'OR'), true);
    });
    it('refuses a mode other than AND or OR', () => {
      sheetError(() => material(1, 1, 1, 1, 'XOR'), '#VALUE!');
    });
  });
  describe('FLEXBUDGET', () => {
    it('moves only the variable share with volume', () => {
      // $10,000 budget at 100 visits, 60 % variable; 120 visits: 4,000 + 6,000 × 1.2
      assert.equal(flexBudget(10000, 100, 120, 0.6), 11200);
    });
    it('refuses a variable share above 1', () => {
      sheetError(() => flexBudget(1, 1, 1, 1.5), '#VALUE!');
    });
  });
  describe('SPREAD', () => {
    it('spreads evenly to the cent, adding up to the annual amount', () => {
      const [months] = spread(1000, 'even');
      assert.equal(months?.length, 12);
      assert.equal(Math.round((months ?? []).reduce((a, b) => a + b, 0) * 100), 100000);
      for (const m of months ?? []) assert.ok(Math.abs(m - 1000 / 12) < 0.01);
    });
    it('refuses a profile without 12 values and an unknown method', () => {
      assert.match(sheetError(() => spread(1200, 'manual', [[1, 2, 3]]), '#VALUE!').message, /12 values/);
      sheetError(() => spread(1200, 'weekly'), '#VALUE!');
    });
  });
  describe('DEPRECIATION', () => {
    it('charges cost less salvage evenly over the life', () => {
      // (12,000 − 0) / 24 months, in service 2024-01, charged 2024-06
      assert.equal(depreciation(12000, 0, 24, '2024-01', '2024-06'), 500);
      assert.equal(depreciation(12000, 0, 24, '2024-01', '2023-12'), 0);
    });
    it('refuses a month it cannot read', () => {
      sheetError(() => depreciation(1, 0, 12, 'January', '2024-01'), '#VALUE!');
    });
  });
  describe('PCTMEDICARE', () => {
    it('divides the rate by the Medicare amount', () => close(pctMedicare(115, 100), 1.15));
    it('reports a zero Medicare amount as #DIV/0!', () => {
      sheetError(() => pctMedicare(115, 0), '#DIV/0!');
    });
  });
});
