import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from '../support/paths';

/** Which of our folders each folder may import from, and which packages. DESIGN.md section 2. */
const rules: Record<string, { ours: string[]; packages: RegExp }> = {
  core: { ours: ['core'], packages: /^zod$/ },
  connectors: { ours: ['core', 'connectors'], packages: /^(exceljs|zod)$/ },
  // jszip: exceljs's own zip library; render/xlsx/table-rows.ts opens exceljs's package with it.
  render: { ours: ['core', 'render'], packages: /^(exceljs|jszip)$/ },
  functions: { ours: ['core', 'functions'], packages: /^$/ },
  addin: { ours: ['core', 'connectors', 'render', 'addin'], packages: /^(exceljs|zod)$/ },
  cli: { ours: ['core', 'connectors', 'render', 'cli'], packages: /^(node:.*|exceljs|zod|@duckdb\/node-api)$/ },
};

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;'"]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? '').filter((s) => s !== '');
}

function resolveLocal(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      /* try the next form */
    }
  }
  return null;
}

describe('architecture', () => {
  const files = Object.keys(rules).flatMap((top) => {
    try {
      return sourceFiles(join(repoRoot, top));
    } catch {
      return [];
    }
  });

  it('keeps every import pointing inward (DESIGN.md section 2)', () => {
    const violations: string[] = [];
    for (const file of files) {
      const top = relative(repoRoot, file).split(/[\\/]/)[0] ?? '';
      const rule = rules[top];
      if (!rule) continue;
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) {
          const target = resolveLocal(file, spec);
          if (target === null) {
            violations.push(`${relative(repoRoot, file)} imports ${spec}, which does not resolve`);
            continue;
          }
          const targetTop = relative(repoRoot, target).split(/[\\/]/)[0] ?? '';
          if (!rule.ours.includes(targetTop)) violations.push(`${relative(repoRoot, file)} (${top}) imports ${targetTop}: ${spec}`);
        } else if (!rule.packages.test(spec)) {
          violations.push(`${relative(repoRoot, file)} (${top}) imports package ${spec}`);
        }
      }
    }
    assert.deepEqual(violations, []);
  });

  it('has no import cycles', () => {
    const graph = new Map<string, string[]>();
    for (const file of files) {
      graph.set(
        file,
        importsOf(file)
          .filter((s) => s.startsWith('.'))
          .map((s) => resolveLocal(file, s))
          .filter((t): t is string => t !== null),
      );
    }
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(node)), node].map((p) => relative(repoRoot, p)).join(' -> '));
        return;
      }
      state.set(node, 'visiting');
      for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
      state.set(node, 'done');
    };
    for (const node of graph.keys()) visit(node, []);
    assert.deepEqual(cycles, []);
  });

  it('catches a violation when one is planted (the check can fail)', () => {
    const planted = "import { readFileSync } from 'node:fs';\nimport { x } from '../connectors/csv';";
    const specs = [...planted.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
    assert.deepEqual(specs, ['node:fs', '../connectors/csv']);
    assert.equal(rules.core?.packages.test('node:fs'), false);
  });
});
