/**
 * Text from imports must never become a formula. The rule is the one spreadsheet users know:
 * text that starts with = + - @ tab or CR (or an apostrophe itself) is quote-prefixed with `'`.
 * Renderers write what follows the quote as literal text (exceljs: a string cell; Office.js: the
 * quote is Excel's own text marker). Applied once, here, for every renderer.
 */
const FORMULA_START = /^[=+\-@\t\r']/;

export function sanitizeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The literal text a quote-prefixed plan value stands for (what the cell shows). */
export function literalText(planText: string): { text: string; quoted: boolean } {
  return planText.startsWith("'") ? { text: planText.slice(1), quoted: true } : { text: planText, quoted: false };
}
