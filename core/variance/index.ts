/** Variance: actual vs budget, materiality, flexible budget and its split, the monthly report. */
export * from './variance';
export * from './report';
export * from './sheet-functions';
