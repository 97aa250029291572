/**
 * The look of a plan's named styles in Excel through Office.js: the same fonts and fills as the
 * .xlsx renderer (render/xlsx/styles.ts palette), set as range format properties.
 */
import type { StyleName } from '../../core/plan/types';
import { palette } from '../xlsx/styles';

export interface OfficeStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly size?: number;
  /** `#RRGGBB`. */
  readonly fontColor?: string;
  readonly fill?: string;
  readonly wrap?: boolean;
  readonly topRule?: boolean;
}

const hex = (rgb: string) => `#${rgb}`;

export const officeStyles: Record<StyleName, OfficeStyle> = {
  title: { bold: true, size: 16, fontColor: hex(palette.headerFill) },
  subtitle: { italic: true, size: 11, fontColor: hex(palette.muted) },
  header: { bold: true, fontColor: '#FFFFFF', fill: hex(palette.headerFill), wrap: true },
  label: { bold: true },
  input: { fontColor: hex(palette.inputFont), fill: hex(palette.inputFill) },
  total: { bold: true, topRule: true },
  flag: { bold: true, fontColor: hex(palette.flag) },
  note: { italic: true, size: 9, fontColor: hex(palette.muted), wrap: true },
  good: { fontColor: hex(palette.goodFont), fill: hex(palette.goodFill) },
  warn: { fontColor: hex(palette.warnFont), fill: hex(palette.warnFill) },
  bad: { fontColor: hex(palette.badFont), fill: hex(palette.badFill) },
  muted: { fontColor: hex(palette.muted) },
};

/** Conditional format looks (good / warn / bad), as Excel's own Good, Neutral and Bad styles. */
export const conditionalLooks = {
  good: { fontColor: hex(palette.goodFont), fill: hex(palette.goodFill) },
  warn: { fontColor: hex(palette.warnFont), fill: hex(palette.warnFill) },
  bad: { fontColor: hex(palette.badFont), fill: hex(palette.badFill) },
} as const;

/** Excel column width is in points; a character of the default font is about 7 px = 5.25 pt, plus padding. */
export function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}
