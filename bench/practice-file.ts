/** What the benches share about their generated input: the generator's digest and a file's sha256. */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Digest of the demo generator's source files that shape the bench export: a changed generator means a regenerated file. */
export function generatorDigest(): string {
  const hash = createHash('sha256');
  for (const f of ['random.ts', 'practice.ts', 'model.ts', 'calendar.ts', 'ledger.ts', 'generate.ts', 'rows.ts', 'write-csv.ts']) hash.update(readFileSync(join(repoRoot, 'cli', 'demo', f)));
  return hash.digest('hex').slice(0, 16);
}
