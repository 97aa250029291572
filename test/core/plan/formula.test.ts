import { strict as assert } from 'node:assert';
import { bareNames, fileFormula, functionsCalled, sheetReferences, structuredReferences } from '../../../core/plan/formula';

describe('core/plan/formula', () => {
  describe('fileFormula', () => {
    it('writes the this-row shorthand in the #This Row form files hold', () => {
      assert.equal(fileFormula('[@Payments]/[@[Gross charges]]', 'Facts'), 'Facts[[#This Row],[Payments]]/Facts[[#This Row],[Gross charges]]');
      assert.equal(fileFormula('Other[@Rate]*2'), 'Other[[#This Row],[Rate]]*2');
    });

    it('leaves whole-column and special references alone', () => {
      assert.equal(fileFormula('SUMIFS(Facts[Paid],Facts[Payer],"="&A2)+Facts[[#Totals],[Paid]]'), 'SUMIFS(Facts[Paid],Facts[Payer],"="&A2)+Facts[[#Totals],[Paid]]');
    });

    it('prefixes functions newer than Excel 2007 with _xlfn., once', () => {
      assert.equal(fileFormula('IFNA(MAXIFS(A:A,B:B,1),0)'), '_xlfn.IFNA(_xlfn.MAXIFS(A:A,B:B,1),0)');
      assert.equal(fileFormula('_xlfn.IFNA(A1,0)'), '_xlfn.IFNA(A1,0)');
      assert.equal(fileFormula('SUMIFS(A:A,B:B,1)'), 'SUMIFS(A:A,B:B,1)');
    });

    it('never rewrites inside string literals or quoted sheet names', () => {
      assert.equal(fileFormula('IF(A1="IFNA([@x])","[@y]",\'IFS(x\'!B2)'), 'IF(A1="IFNA([@x])","[@y]",\'IFS(x\'!B2)');
    });

    it('refuses an unqualified [@Column] outside a table', () => {
      assert.throws(() => fileFormula('[@Paid]*2'), /needs its table name/);
    });
  });

  describe('structuredReferences', () => {
    it('lists tables, columns and special items', () => {
      const refs = structuredReferences('SUM(Facts[Paid])+Facts[[#Totals],[A]:[B]]+[@Rate]');
      assert.deepEqual(
        refs.map((r) => [r.table, r.columns, r.specials, r.thisRow]),
        [
          ['Facts', ['Paid'], [], false],
          ['Facts', ['A', 'B'], ['#Totals'], false],
          [undefined, ['Rate'], [], true],
        ],
      );
    });
  });

  describe('sheetReferences', () => {
    it('finds quoted and unquoted sheet names', () => {
      assert.deepEqual(sheetReferences("'Data tables'!A1+Data!B2+'It''s'!C3"), ['Data tables', 'Data', "It's"]);
    });
  });

  describe('functionsCalled', () => {
    it('names every function called, without prefixes and outside strings', () => {
      assert.deepEqual(functionsCalled('_xlfn.XLOOKUP(A1,B:B,C:C)+sum(1)&"MAX(2)"'), ['XLOOKUP', 'SUM']);
    });
  });

  describe('bareNames', () => {
    it('finds defined names and bare table names, not cells, functions, sheets or columns', () => {
      assert.deepEqual(bareNames("IF(B8>=Target_rate,ROWS(Facts),SUM(Facts[Paid],'Data'!$A$1,Data!B2,$C$3))"), ['Target_rate', 'Facts']);
    });
  });
});
