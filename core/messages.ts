/**
 * Every user-facing message in one catalogue, so a finance reader can review the wording.
 * Functions return sentences; callers add the location.
 */
export const messages = {
  moneyEmpty: () => 'is empty where an amount is required',
  moneyNotANumber: (text: string) => `"${text}" is not an amount of money`,
  moneyAmbiguous: (text: string) =>
    `"${text}" is ambiguous: it could use "." or "," as the decimal separator; set the profile's decimal separator`,
  moneySubCent: (text: string) => `"${text}" has fractions of a cent; amounts must be whole cents`,
  moneyTooLarge: (text: string) => `"${text}" is too large to be an amount of money`,
  dateEmpty: () => 'is empty where a date is required',
  dateNotADate: (text: string) => `"${text}" is not a date in a format we read (MM/DD/YYYY, YYYY-MM-DD, CCYYMMDD, ISO date-time)`,
  dateInvalid: (text: string) => `"${text}" is not a real calendar date`,
  dateAmbiguous: (text: string) =>
    `"${text}" could be month/day or day/month; set the profile's date order (MDY or DMY)`,
  timeInvalid: (text: string) => `"${text}" has a time of day that does not exist`,
  integerInvalid: (text: string) => `"${text}" is not a whole number`,
  numberInvalid: (text: string) => `"${text}" is not a number`,
  // connectors: detection, decoding, delimited text and workbooks
  encodingWindows1252: () =>
    'the file is not valid UTF-8; it was read as Windows-1252, the usual encoding of exports saved by Windows programs',
  encodingUtf16WithoutBom: (encoding: string) => `the file has no byte-order mark but reads as ${encoding.toUpperCase()}`,
  fileEmpty: () => 'the file is empty',
  notAnExport: (what: string) => `this is ${what}, not an export we can read`,
  legacyXls: () =>
    'this is an old Excel .xls workbook, which cannot be read here; open it in Excel and save it as .xlsx or CSV',
  x12NotCsv: () => 'this is an X12 EDI file (835 remittance or 837 claim), not a CSV or TSV; import it as X12',
  formatNotSupported: (format: string) => `files of this kind (${format}) cannot be imported yet`,
  headerOnly: () => 'the file has a header row but no data rows',
  headerNotFound: (profile: string) => `no row in the first lines of the file has the headers of profile "${profile}"`,
  preambleSkipped: (lines: number) => `${lines} title line(s) above the header row were skipped`,
  unknownLayout: (rows: number, missing: readonly string[]) =>
    `the columns do not match a known export layout, so its ${rows} row(s) were not imported; ` +
    (missing.length > 0 ? `no column was found for: ${missing.join(', ')}. ` : '') +
    'Choose a profile or map the columns (practice inspect FILE --save-profile profile.json writes one to edit)',
  raggedRow: (found: number, expected: number) =>
    `the row has ${found} field(s) where the header has ${expected}; the fields were read by position`,
  malformedRow: (detail: string) => `the row could not be split into fields: ${detail}`,
  requiredMissing: (field: string, header: string) => `"${header}" (${field}) is empty where a value is required`,
  fieldInvalid: (header: string, detail: string) => `"${header}": ${detail}`,
  valueNotRecognised: (text: string, allowed: string) => `"${text}" is not one of ${allowed}`,
  rowTypeNotRecognised: (text: string) => `"${text}" is not a transaction type this profile imports`,
  rowSkippedByProfile: (why: string) => `the row is not imported: ${why}`,
  duplicateRow: (key: string, firstLine: number | undefined) =>
    `the same row (key ${key}) appears again` + (firstLine === undefined ? '' : ` (first on line ${firstLine})`) + '; it is counted once',
  profileInvalid: (detail: string) => `the mapping profile is not valid: ${detail}`,
  profileUnknown: (id: string, known: readonly string[]) => `there is no built-in profile "${id}" (built-in: ${known.join(', ')})`,
  workbookUnreadable: (detail: string) => `the workbook could not be opened: ${detail}`,
  workbookNoTable: () => 'no sheet of the workbook has a header row of a known export layout',
  voidedTransaction: (date: string) => `the transaction was voided on ${date}; it is imported with its void recorded`,
} as const;
