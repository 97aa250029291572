import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlan } from '../../addin/plans';
import { createWorkerImports, importReport } from '../../addin/worker-imports';
import type { WorkerMessage, WorkerRequest } from '../../addin/worker-protocol';
import { generateLarge } from '../../cli/demo/write-csv';
import { importSource } from '../../connectors/index';
import { sourceFromBytes } from '../../connectors/source';
import type { ImportResult } from '../../core/source';

describe('addin/worker-imports', () => {
  let bytes: Uint8Array = new Uint8Array();
  let cli: ImportResult;
  before(async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), 'worker-imports-'));
    // 6,000 canonical charge lines: about 1.3 MB, so the worker reads the File in two slices.
    await generateLarge({ chargeLines: 6_000, outDir: dir, transactions: false });
    bytes = readFileSync(join(dir, 'charges.csv'));
    rmSync(dir, { recursive: true, force: true });
    cli = await importSource(sourceFromBytes('charges.csv', bytes));
  });

  const ask = async (imports: ReturnType<typeof createWorkerImports>, request: WorkerRequest) => {
    const messages: WorkerMessage[] = [];
    await imports.handle(request, (m) => messages.push(m));
    return messages;
  };
  const importFile = (imports: ReturnType<typeof createWorkerImports>, id = 1) => ask(imports, { type: 'import', id, files: [new File([bytes as BlobPart], 'charges.csv')], profiles: {} });

  it('reads the File in slices with progress, and reports the import without its records', async () => {
    const messages = await importFile(createWorkerImports());
    const progress = messages.flatMap((m) => (m.type === 'progress' ? [m.bytesRead] : []));
    assert.ok(progress.length >= 3, `${progress.length} progress messages`);
    assert.deepEqual([progress[0], progress[progress.length - 1]], [0, bytes.byteLength]);
    assert.ok(progress.every((b, i) => i === 0 || b >= (progress[i - 1] ?? 0)));
    const result = messages.find((m) => m.type === 'result');
    assert.ok(result?.type === 'result');
    assert.equal('records' in result.result, false);
    assert.deepEqual(result.result, importReport(cli));
    assert.deepEqual({ imported: result.result.recordsImported, charges: result.result.summary.recordsByType.charge }, { imported: 6_000, charges: 6_000 });
    assert.deepEqual(messages[messages.length - 1], { type: 'done', id: 1 });
  });

  it('builds the plan from the records it kept: the same plan as over the CLI import', async function () {
    this.timeout(60_000);
    const imports = createWorkerImports();
    await importFile(imports);
    const [answer] = await ask(imports, { type: 'plan', id: 2, kind: 'kpi', files: ['charges.csv'], options: { practiceName: 'Clinic' } });
    assert.deepEqual(answer, { type: 'plan', id: 2, result: buildPlan('kpi', [cli], { practiceName: 'Clinic' }) });
  });

  it('answers in order: a plan asked for while the import runs waits for it', async function () {
    this.timeout(60_000);
    const imports = createWorkerImports();
    const messages: WorkerMessage[] = [];
    const post = (m: WorkerMessage) => messages.push(m);
    const importing = imports.handle({ type: 'import', id: 1, files: [new File([bytes as BlobPart], 'charges.csv')], profiles: {} }, post);
    const planning = imports.handle({ type: 'plan', id: 2, kind: 'kpi', files: ['charges.csv'], options: {} }, post);
    await Promise.all([importing, planning]);
    const plan = messages.find((m) => m.type === 'plan');
    assert.ok(plan?.type === 'plan' && plan.result.ok);
    assert.ok(messages.findIndex((m) => m.type === 'done') < messages.indexOf(plan));
  });

  it('forgets a file: a plan of it then asks for the import again', async () => {
    const imports = createWorkerImports();
    await importFile(imports);
    assert.deepEqual(await ask(imports, { type: 'forget', id: 2, files: ['charges.csv'] }), [{ type: 'done', id: 2 }]);
    const [answer] = await ask(imports, { type: 'plan', id: 3, kind: 'kpi', files: ['charges.csv'], options: {} });
    assert.ok(answer?.type === 'plan' && !answer.result.ok);
    assert.match(answer.result.error, /Import charges\.csv again/);
  });
});
