/**
 * The namespace Excel puts before every custom function id (`PRACTICE.DAYSINAR`). The manifest's
 * `Functions.Namespace` string must say the same (test/addin/manifest.test.ts checks it).
 */
export const FUNCTIONS_NAMESPACE = 'PRACTICE';
