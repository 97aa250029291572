/** The .xlsx renderer: WorkbookPlan → bytes, for the CLI and the add-in's share-safe download. */
export { renderXlsx, excelDateSerial, workbookCreator, type RenderXlsxOptions } from './workbook';
export { readUserValues, workbookReader, loadWorkbook, type CellReader } from './user-values';
