/**
 * Denial analytics and remittance matching (pure): what counts as a denial (denied.ts), the
 * HFMA initial denial rate and denied-line breakdowns (analytics.ts), CARC/RARC categories
 * (reason-categories.ts), the 835 ↔ 837 join (matching.ts), and denied lines from posted adjustments
 * when there are no remittances (adjustments.ts).
 */
export * from './adjustments';
export * from './analytics';
export * from './denied';
export * from './matching';
export * from './reason-categories';
