/**
 * The Medicare sheet: the practice locality's GPCIs (named cells) and the RVU rows of the codes the
 * workbook uses, with Medicare allowed as LIVE formulas: a manager who types another locality's
 * GPCIs sees every Medicare amount, percent of Medicare and what-if move.
 */
import { medicareAllowed } from '../../contracts/medicare';
import type { Gpci, MedicareRvu } from '../../model';
import { absoluteRef } from '../address';
import { sanitizeText } from '../sanitize';
import type { NamedRange, Placed, PlanSheet, TableColumn } from '../types';
import { codeKey, dollars, NAMES, SHEETS } from './shared';

export const MEDICARE_TABLE = 'MedicareRvus';

const PAYABLE = 'OR([@Status]="A",[@Status]="R",[@Status]="T")';
const NON_FACILITY = `IF(${PAYABLE},ROUND(([@[Work RVU]]*${NAMES.work}+IF([@[Non-facility NA]]="NA",[@[Facility PE RVU]],[@[Non-facility PE RVU]])*${NAMES.pe}+[@[MP RVU]]*${NAMES.mp})*[@[Conversion factor]],2),0)`;
const FACILITY = `IF(AND(${PAYABLE},[@[Facility NA]]<>"NA"),ROUND(([@[Work RVU]]*${NAMES.work}+[@[Facility PE RVU]]*${NAMES.pe}+[@[MP RVU]]*${NAMES.mp})*[@[Conversion factor]],2),0)`;

/** What the formula gives for a row: the core's Medicare allowed, or $0 where Medicare pays nothing. */
function allowed(rvu: MedicareRvu, gpci: Gpci, setting: 'facility' | 'non-facility'): number {
  const fee = medicareAllowed(rvu, gpci, setting);
  return fee.ok ? (dollars(fee.value.cents) ?? 0) : 0;
}

export function medicareSheet(rvus: readonly MedicareRvu[], gpci: Gpci | undefined, year: number | undefined): { sheet: PlanSheet; names: NamedRange[] } {
  const cells: Placed[] = [
    { at: 'A1', value: 'Medicare Physician Fee Schedule', style: 'title' },
    { at: 'A2', value: 'Medicare allowed = (work RVU × work GPCI + PE RVU × PE GPCI + MP RVU × MP GPCI) × conversion factor, rounded once to the cent.', style: 'note' },
    { at: 'A3', value: 'Medicare year', style: 'label' },
    { at: 'B3', value: year ?? 'no RVU file imported' },
    { at: 'A4', value: 'Locality (MAC-locality)', style: 'label' },
    { at: 'B4', value: gpci === undefined ? 'not set: use --locality' : gpci.locality },
    { at: 'A5', value: 'Locality name', style: 'label' },
    { at: 'B5', value: gpci === undefined ? '' : sanitizeText(gpci.localityName) },
    { at: 'A6', value: 'Work GPCI', style: 'label' },
    { at: 'B6', value: gpci?.workGpci ?? 1, format: '0.000' },
    { at: 'A7', value: 'PE GPCI', style: 'label' },
    { at: 'B7', value: gpci?.peGpci ?? 1, format: '0.000' },
    { at: 'A8', value: 'MP GPCI', style: 'label' },
    { at: 'B8', value: gpci?.mpGpci ?? 1, format: '0.000' },
    { at: 'A9', value: 'Status A, R and T are paid; B/P (bundled), N/X/E/M (not covered), I and C show $0. "NA" in an office: the facility PE is used; in a facility: $0.', style: 'note' },
  ];
  const names: NamedRange[] = [
    { name: NAMES.work, ref: absoluteRef(SHEETS.medicare, 'B6'), comment: 'Work GPCI of the practice locality' },
    { name: NAMES.pe, ref: absoluteRef(SHEETS.medicare, 'B7'), comment: 'Practice-expense GPCI of the practice locality' },
    { name: NAMES.mp, ref: absoluteRef(SHEETS.medicare, 'B8'), comment: 'Malpractice GPCI of the practice locality' },
  ];
  const g: Gpci = gpci ?? { type: 'gpci', key: 'none', lineage: { source: 'none', profile: 'none' }, year: year ?? 0, mac: '00000', localityNumber: '00', locality: 'none', state: '', localityName: '', workGpci: 1, peGpci: 1, mpGpci: 1 };
  const columns: TableColumn[] = [
    { name: 'Key', type: 'text', width: 12 },
    { name: 'Code', type: 'text', width: 9 },
    { name: 'Modifier', type: 'text', width: 9 },
    { name: 'Status', type: 'text', width: 8 },
    { name: 'Work RVU', type: 'number', format: 'decimal2', width: 10 },
    { name: 'Non-facility PE RVU', type: 'number', format: 'decimal2', width: 12 },
    { name: 'Non-facility NA', type: 'text', width: 10 },
    { name: 'Facility PE RVU', type: 'number', format: 'decimal2', width: 12 },
    { name: 'Facility NA', type: 'text', width: 10 },
    { name: 'MP RVU', type: 'number', format: 'decimal2', width: 9 },
    { name: 'PC/TC', type: 'text', width: 7 },
    { name: 'Mult proc', type: 'text', width: 8 },
    { name: 'Bilateral', type: 'text', width: 8 },
    { name: 'Conversion factor', type: 'number', format: '0.0000', width: 11 },
    { name: 'Non-facility allowed', type: 'money', format: 'money', width: 14, formula: NON_FACILITY, expected: rvus.map((r) => allowed(r, g, 'non-facility')) },
    { name: 'Facility allowed', type: 'money', format: 'money', width: 14, formula: FACILITY, expected: rvus.map((r) => allowed(r, g, 'facility')) },
  ];
  return {
    names,
    sheet: {
      name: SHEETS.medicare,
      cells,
      tables: [
        {
          at: 'A11',
          table: {
            name: MEDICARE_TABLE,
            theme: 'TableStyleLight9',
            columns,
            rows: rvus.map((r) => [
              codeKey(r.procedureCode, r.modifier), r.procedureCode, r.modifier, r.statusCode, r.workRvu, r.nonFacilityPeRvu, r.nonFacilityNa ? 'NA' : '',
              r.facilityPeRvu, r.facilityNa ? 'NA' : '', r.mpRvu, r.pcTcIndicator, r.multipleProcedureIndicator, r.bilateralIndicator, r.conversionFactor, null, null,
            ]),
          },
        },
      ],
      columnWidths: { A: 24, B: 22 },
      frozen: { rows: 11, columns: 0 },
    },
  };
}
