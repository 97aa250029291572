/**
 * The look of a plan's named styles in an .xlsx file. Finance conventions: inputs are blue text on
 * light yellow (a reader sees at once what they may change), totals are bold over a top rule, and
 * good/warn/bad use the fills Excel's own "Good / Neutral / Bad" cell styles use.
 *
 * Style objects are created once and shared by reference: exceljs caches style ids per object, which
 * keeps 100,000-row tables fast.
 */
import type { Borders, Fill, Font, Style } from 'exceljs';
import { numberFormats, type StyleName } from '../../core/plan/types';

const solid = (rgb: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${rgb}` } });
const color = (rgb: string) => ({ argb: `FF${rgb}` });
const thin = { style: 'thin' as const, color: color('808080') };

export const palette = {
  headerFill: '1F4E78',
  inputFill: 'FFF2CC',
  inputFont: '0000FF',
  goodFill: 'C6EFCE',
  goodFont: '006100',
  warnFill: 'FFEB9C',
  warnFont: '9C5700',
  badFill: 'FFC7CE',
  badFont: '9C0006',
  muted: '808080',
  flag: 'C00000',
} as const;

interface StyleParts {
  font?: Partial<Font>;
  fill?: Fill;
  border?: Partial<Borders>;
  alignment?: Style['alignment'];
}

const named: Record<StyleName, StyleParts> = {
  title: { font: { bold: true, size: 16, color: color(palette.headerFill) } },
  subtitle: { font: { italic: true, size: 11, color: color(palette.muted) } },
  header: {
    font: { bold: true, color: color('FFFFFF') },
    fill: solid(palette.headerFill),
    alignment: { vertical: 'middle', wrapText: true },
  },
  label: { font: { bold: true } },
  input: { font: { color: color(palette.inputFont) }, fill: solid(palette.inputFill), border: { top: thin, bottom: thin, left: thin, right: thin } },
  total: { font: { bold: true }, border: { top: { style: 'thin', color: color('000000') } } },
  flag: { font: { bold: true, color: color(palette.flag) } },
  note: { font: { italic: true, size: 9, color: color(palette.muted) }, alignment: { wrapText: true, vertical: 'top' } },
  good: { font: { color: color(palette.goodFont) }, fill: solid(palette.goodFill) },
  warn: { font: { color: color(palette.warnFont) }, fill: solid(palette.warnFill) },
  bad: { font: { color: color(palette.badFont) }, fill: solid(palette.badFill) },
  muted: { font: { color: color(palette.muted) } },
};

/** A plan format (a `numberFormats` key or a raw Excel code) as an Excel format code. */
export function formatCode(format: string | undefined): string | undefined {
  if (format === undefined) return undefined;
  return format in numberFormats ? numberFormats[format as keyof typeof numberFormats] : format;
}

/** Shares one style object per (style name, number format) pair. */
export class StyleBook {
  private readonly cache = new Map<string, Partial<Style>>();

  get(style: StyleName | undefined, format: string | undefined): Partial<Style> | undefined {
    const numFmt = formatCode(format);
    if (style === undefined && numFmt === undefined) return undefined;
    const key = `${style ?? ''}\u0000${numFmt ?? ''}`;
    let shared = this.cache.get(key);
    if (shared === undefined) {
      const parts = style === undefined ? {} : named[style];
      shared = { ...structuredClone(parts), ...(numFmt === undefined ? {} : { numFmt }) } as Partial<Style>;
      this.cache.set(key, shared);
    }
    return shared;
  }
}

/** Differential formats for conditional formatting (a dxf uses bgColor for a solid fill). */
export function conditionalStyle(kind: 'good' | 'warn' | 'bad'): Partial<Style> {
  const [fill, font] =
    kind === 'good' ? [palette.goodFill, palette.goodFont] : kind === 'warn' ? [palette.warnFill, palette.warnFont] : [palette.badFill, palette.badFont];
  return {
    fill: { type: 'pattern', pattern: 'solid', bgColor: color(fill) },
    font: { color: color(font) },
  };
}
