import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command, parseDemoArgs } from '../../../cli/commands/demo-data';
import { main } from '../../../cli/main';

function fakeIo(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), cwd }, out, err };
}

describe('cli/commands/demo-data', () => {
  describe('parseDemoArgs', () => {
    it('reads every option in both --name value and --name=value forms', () => {
      assert.deepEqual(parseDemoArgs(['--out', 'x', '--seed=7', '--months', '3', '--providers', '12', '--end-month', '2025-06']), {
        out: 'x', seed: 7, months: 3, providers: 12, endMonth: '2025-06',
      });
    });

    it('refuses a missing --out, unknown options and out-of-range values with a sentence', () => {
      assert.match(String(parseDemoArgs([])), /--out DIR is required/);
      assert.match(String(parseDemoArgs(['--out', 'x', '--colour', 'red'])), /unknown option --colour/);
      assert.match(String(parseDemoArgs(['--out', 'x', '--providers', '20'])), /--providers must be a whole number from 8 to 15/);
      assert.match(String(parseDemoArgs(['--out', 'x', '--end-month', '2025-13'])), /--end-month must be YYYY-MM/);
    });
  });

  describe('command', () => {
    it('writes the files into --out relative to the working directory and exits 0', async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'demo-cli-'));
      try {
        const { io, out } = fakeIo(cwd);
        const code = await main(['demo-data', '--out', 'demo', '--months', '1', '--providers', '8', '--seed', '4'], io);
        assert.equal(code, 0);
        assert.ok(existsSync(join(cwd, 'demo', 'charges.csv')));
        assert.ok(existsSync(join(cwd, 'demo', 'pm-report', 'charges_report.csv')));
        const charges = readFileSync(join(cwd, 'demo', 'charges.csv'), 'utf8').trim().split('\n').length - 1;
        assert.ok(out.some((line) => line.includes(`charges.csv  ${charges} rows`)), out.join('\n'));
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    });

    it('exits 1 with the usage on a bad option', async () => {
      const { io, err } = fakeIo(tmpdir());
      assert.equal(await command.run(['--months', '0', '--out', 'x'], io), 1);
      assert.match(err.join('\n'), /--months must be a whole number from 1 to 120[\s\S]*Usage: practice demo-data/);
    });
  });
});
