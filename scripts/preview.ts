/**
 * Renders one sheet of a workbook to PNG with headless LibreOffice, so a person can look at it:
 *   node --import tsx scripts/preview.ts WORKBOOK.xlsx [SHEET] [OUT.png]
 * The other sheets are hidden in a temporary copy (not removed, so cross-sheet formulas still
 * recalculate), LibreOffice prints the copy to PDF, and pdftoppm turns the first page into a PNG.
 * Without pdftoppm (poppler-utils), LibreOffice exports the sheet to HTML and Chromium takes a
 * screenshot of it (LibreOffice Calc alone cannot export PNG without the Draw module).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { convertWithLibreOffice } from '../test/support/libreoffice';

const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';

function hasCommand(command: string): boolean {
  try {
    execFileSync('which', [command], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Writes `out` (PNG) showing the first printed page of `sheet` (default: the first visible sheet). */
export async function previewSheet(workbookPath: string, sheet: string | undefined, out: string): Promise<{ sheet: string; via: string }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(workbookPath) as unknown as ArrayBuffer);
  const target = sheet === undefined ? workbook.worksheets.find((ws) => ws.state === 'visible') : workbook.getWorksheet(sheet);
  if (target === undefined) {
    throw new Error(`no sheet "${sheet ?? '(visible)'}" in ${workbookPath}; sheets: ${workbook.worksheets.map((ws) => ws.name).join(', ')}`);
  }
  workbook.worksheets.forEach((ws, index) => {
    ws.state = ws === target ? 'visible' : 'hidden';
    if (ws === target) workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: index, activeTab: index, visibility: 'visible' }];
  });
  const work = mkdtempSync(join(tmpdir(), 'pw-preview-'));
  try {
    const only = join(work, 'preview.xlsx');
    writeFileSync(only, new Uint8Array(await workbook.xlsx.writeBuffer()));
    if (hasCommand('pdftoppm')) {
      await convertWithLibreOffice([only], 'pdf', work);
      execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', '-f', '1', '-l', '1', join(work, 'preview.pdf'), join(work, 'page')]);
      copyFileSync(join(work, 'page.png'), out);
      return { sheet: target.name, via: 'pdf + pdftoppm' };
    }
    // Fallback: LibreOffice's HTML export of the (only visible) sheet, photographed by Chromium.
    // Cell styles and conditional formats show; Excel table styles do not.
    await convertWithLibreOffice([only], 'html', work);
    // Notes show as red squares in LibreOffice's HTML; the picture is clearer without them.
    const html = join(work, 'preview.html');
    writeFileSync(html, readFileSync(html, 'utf8').replace(/<\/head>/i, '<style>a.comment-indicator{display:none}</style></head>'));
    execFileSync(
      chromium,
      ['--headless=new', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--screenshot=${out}`, '--window-size=1400,1000', pathToFileURL(html).href],
      { stdio: 'ignore', timeout: 120_000 },
    );
    return { sheet: target.name, via: 'LibreOffice HTML export + Chromium screenshot (pdftoppm not installed)' };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const [workbookArg, sheetArg, outArg] = process.argv.slice(2);
if (workbookArg === undefined) {
  console.error('usage: node --import tsx scripts/preview.ts WORKBOOK.xlsx [SHEET] [OUT.png]');
  process.exit(2);
}
const workbookPath = resolve(workbookArg);
const out = resolve(outArg ?? `${basename(workbookPath, extname(workbookPath))}${sheetArg === undefined ? '' : `-${sheetArg.replace(/[^A-Za-z0-9]+/g, '-')}`}.png`);
previewSheet(workbookPath, sheetArg, out).then(
  ({ sheet, via }) => console.log(`preview: ${sheet} → ${out} (${via})`),
  (error: unknown) => {
    console.error(`preview failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
