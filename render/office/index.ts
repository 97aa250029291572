/** The Office.js renderer: WorkbookPlan → the open workbook, through a narrow port (port.ts). */
export { renderToWorkbook, planOperations, batchOperations, operationBytes, rangeSize, BATCH_BYTES, MAX_SYNC_BYTES, type RenderStats, type RenderOfficeOptions } from './render';
export { excelPort } from './excel-adapter';
export { readUserValuesFromWorkbook } from './user-values';
export type { Operation, SheetContents, WorkbookPort, WrittenCell } from './port';
