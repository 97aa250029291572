/** Paths tests share: the repository root and the shared fixtures beside the checkout. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `../shared/fixtures` beside the checkout (CI lays shared/ there); PRACTICE_FIXTURES overrides. */
export const fixturesDir = process.env.PRACTICE_FIXTURES ?? resolve(repoRoot, '..', 'shared', 'fixtures');

export function fixture(...parts: string[]): string {
  const path = join(fixturesDir, ...parts);
  if (!existsSync(path)) throw new Error(`fixture missing: ${path} (is ../shared beside the checkout?)`);
  return path;
}
