/** Budgets: driver expressions, spreading, depreciation, the driver model and scenarios. */
export * from './expression';
export * from './spread';
export * from './depreciation';
export * from './model';
export * from './prior-year';
export * from './sheet-functions';
