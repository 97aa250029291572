/**
 * A tiny arithmetic expression over named drivers that the core both evaluates and writes as a
 * native Excel formula, so the workbook's live formulas and the core's numbers cannot drift apart.
 * Values are in the sheet's units (dollars, counts, fractions), evaluated the way Excel does.
 */
import { roundCents } from '../money';

export type Expr =
  | { readonly op: 'num'; readonly value: number }
  | { readonly op: 'driver'; readonly id: string }
  | { readonly op: 'add' | 'mul'; readonly terms: readonly Expr[] }
  | { readonly op: 'sub'; readonly left: Expr; readonly right: Expr }
  /** ROUND(x, 2): money to the cent. */
  | { readonly op: 'round2'; readonly arg: Expr }
  /** ROUNDUP(x, 0): whole steps. */
  | { readonly op: 'roundup'; readonly arg: Expr };

export const num = (value: number): Expr => ({ op: 'num', value });
export const drv = (id: string): Expr => ({ op: 'driver', id });
export const add = (...terms: Expr[]): Expr => ({ op: 'add', terms });
export const mul = (...terms: Expr[]): Expr => ({ op: 'mul', terms });
export const sub = (left: Expr, right: Expr): Expr => ({ op: 'sub', left, right });
export const round2 = (arg: Expr): Expr => ({ op: 'round2', arg });
export const roundup = (arg: Expr): Expr => ({ op: 'roundup', arg });

/** Evaluates with driver values (throws on an unknown driver: a programmer mistake). */
export function evaluate(e: Expr, value: (id: string) => number): number {
  switch (e.op) {
    case 'num':
      return e.value;
    case 'driver':
      return value(e.id);
    case 'add':
      return e.terms.reduce((a, t) => a + evaluate(t, value), 0);
    case 'mul':
      return e.terms.reduce((a, t) => a * evaluate(t, value), 1);
    case 'sub':
      return evaluate(e.left, value) - evaluate(e.right, value);
    case 'round2':
      return roundCents(evaluate(e.arg, value) * 100) / 100;
    case 'roundup': {
      const x = evaluate(e.arg, value);
      // Excel's ROUNDUP works on the decimal value: 4.000000000000001 from float noise is 4.
      const clean = Number(x.toPrecision(15));
      return Math.sign(clean) * Math.ceil(Math.abs(clean));
    }
  }
}

/** The native formula text (no leading `=`); `ref` gives each driver's cell or named range. */
export function toFormula(e: Expr, ref: (id: string) => string): string {
  switch (e.op) {
    case 'num':
      return String(e.value);
    case 'driver':
      return ref(e.id);
    case 'add':
      return e.terms.length === 1 ? toFormula(e.terms[0] as Expr, ref) : `(${e.terms.map((t) => toFormula(t, ref)).join('+')})`;
    case 'mul':
      return e.terms.map((t) => toFormula(t, ref)).join('*');
    case 'sub':
      return `(${toFormula(e.left, ref)}-${toFormula(e.right, ref)})`;
    case 'round2':
      return `ROUND(${toFormula(e.arg, ref)},2)`;
    case 'roundup':
      return `ROUNDUP(${toFormula(e.arg, ref)},0)`;
  }
}
