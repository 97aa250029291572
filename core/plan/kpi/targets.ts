/**
 * Starting targets for the Dashboard's target cells. They are the manager's to change (the cells
 * are user-owned input cells that survive a refresh); these defaults are common rules of thumb,
 * shown with a note saying so, and KPIs without a widely quoted rule of thumb start empty.
 */
export const defaultTargets: Readonly<Record<string, number>> = {
  // Net collection rate of 95% or better and days in A/R under 40 are the figures MGMA and HFMA
  // material most often quotes for a well-run professional practice.
  net_collection_rate: 0.95,
  days_in_ar: 40,
  ar_over_90_pct: 0.15,
  ar_over_120_pct: 0.1,
  // Initial denial rates under 5% are the usual best-practice figure.
  initial_denial_rate_count: 0.05,
  initial_denial_rate_count_same_month: 0.05,
  initial_denial_rate_dollars: 0.05,
  initial_denial_rate_dollars_same_month: 0.05,
  charge_lag_days: 3,
  no_show_rate: 0.05,
  late_cancel_rate: 0.05,
};

export const targetNote = 'Starting target (a common rule of thumb): replace it with your own. Your value is kept when the workbook is rebuilt.';
