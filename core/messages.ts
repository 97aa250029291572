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
  duplicateRow: (key: string, firstLine: number | undefined) =>
    `the same row (key ${key}) appears again` + (firstLine === undefined ? '' : ` (first on line ${firstLine})`) + '; it is counted once',
  profileInvalid: (detail: string) => `the mapping profile is not valid: ${detail}`,
  profileUnknown: (id: string, known: readonly string[]) => `there is no built-in profile "${id}" (built-in: ${known.join(', ')})`,
  workbookUnreadable: (detail: string) => `the workbook could not be opened: ${detail}`,
  workbookSheetsSkipped: (n: number) => `${n} sheet(s) with no header row of a known layout were not imported`,
  issuesTruncated: (code: string, more: number) => `${more} more issue(s) of the kind "${code}" were not listed one by one`,
  headerRepeated: () => 'the header row appears again (a paginated report); it was skipped',
  rowHasNothing: () => 'the row has no amount or value this profile imports',
  npiInvalid: (text: string) => `"${text}" is not an NPI (ten digits); it was left out`,
  // general ledger, budgets and variance
  accountUnmapped: (account: string, amount: string) =>
    `GL account "${account}" (${amount} net, debit positive) matches no mapping rule; its money is on the "Unmapped" line until you map it on the Mapping sheet`,
  plDoesNotTie: (column: string, rows: string, reported: string) =>
    `the account rows add up to ${rows} in "${column}", but the report's own total line says ${reported}`,
  plRowTotalMismatch: (account: string, months: string, total: string) =>
    `the months of "${account}" add up to ${months}, but its total column says ${total}`,
  plSubtotalSkipped: (label: string) => `"${label}" is a subtotal of the rows above it; it was skipped so nothing is counted twice`,
  glNoAccount: () => 'the row has an amount but no account; it is not imported',
  glNotALedger: () => 'the columns do not look like a GL detail export (date, account, amount or debit/credit) or a profit and loss by month report',
  accountBalanceSheet: (account: string, amount: string) =>
    `GL account "${account}" (${amount} net) is a balance-sheet account, not a profit and loss line; it is left out of the budget and variance`,
  seasonalityFallback: (why: string) => `the seasonality profile could not be taken from the prior year (${why}); months are spread evenly instead`,
  // X12 835/837P (connectors/x12). `where` names the claim and its envelope, e.g.
  // "claim 123 (interchange 000000907, transaction 0001)".
  x12NotX12: (detail: string) => `the file is not X12 EDI: ${detail}`,
  x12SeparatorChanged: (detail: string) => `${detail}; the rest of the file was read with the first separators`,
  x12ControlMismatch: (trailer: string, header: string, stated: string, expected: string) =>
    `${trailer} says control number ${stated} but its ${header} has ${expected}`,
  x12CountMismatch: (trailer: string, what: string, stated: string, counted: number) =>
    `${trailer} says ${stated} ${what} but ${counted} were found`,
  x12MissingTrailer: (trailer: string, header: string, control: string) =>
    `${header} ${control} has no ${trailer}; its segments were read up to the next envelope`,
  x12TransactionUnsupported: (found: string, expected: string, segments: number) =>
    `transaction set ${found} is not a${expected === '835' ? 'n' : ''} ${expected}; its ${segments} segment(s) were not imported`,
  x12OutsideTransaction: (id: string) => `${id} is outside any ST…SE transaction, so it was not imported`,
  x12UnknownSegment: (id: string, set: string) => `${id} is not a segment of the ${set}, so it was not imported`,
  x12ElementMissing: (id: string, position: string, what: string) => `${id}${position} (${what}) is empty where it is required`,
  x12TooManyElements: (id: string, found: number, max: number) =>
    `${id} has ${found} elements where the implementation guide allows ${max}; the extra elements were ignored`,
  x12AmountInvalid: (id: string, position: string, detail: string) => `${id}${position}: ${detail}`,
  x12NumberInvalid: (id: string, position: string, text: string) => `${id}${position}: "${text}" is not a number`,
  x12DateInvalid: (id: string, position: string, detail: string) => `${id}${position}: ${detail}`,
  x12QualifierUnknown: (id: string, qualifier: string) => `${id} has qualifier "${qualifier}", which this importer does not read`,
  x12OutOfPlace: (id: string, expected: string) => `${id} appears outside ${expected}, so it was not imported`,
  x12ParentSkipped: (id: string, parent: string) => `${id} belongs to ${parent}, which could not be read, so it was not imported`,
  x12LineUnbalanced: (where: string, line: number, charge: string, adjustments: string, paid: string) =>
    `service line ${line} of ${where} does not balance: charge ${charge} minus adjustments ${adjustments} is not the paid ${paid}`,
  x12ClaimUnbalanced: (where: string, charge: string, adjustments: string, paid: string) =>
    `${where} does not balance: charge ${charge} minus claim and line adjustments ${adjustments} is not the paid ${paid}`,
  x12TransactionUnbalanced: (where: string, paid: string, providerAdjustments: string, payment: string) =>
    `${where} does not balance: claims paid ${paid} minus provider adjustments ${providerAdjustments} is not the payment ${payment} (BPR02)`,
  x12ClaimTotalMismatch: (where: string, total: string, lines: string) =>
    `${where}: the claim total ${total} (CLM02) is not the sum of its service lines ${lines}`,
  x12NoServiceDate: (where: string, line: number) =>
    `service line ${line} of ${where} has no date of service (DTP*472 on the line or the claim), so it was not imported`,
  x12HierarchyBroken: (id: string, parent: string) => `HL ${id} names parent ${parent}, which is not an earlier HL; it was read under the nearest level above`,
  x12ComponentSeparator: (id: string, position: string, used: string, declared: string) =>
    `${id}${position} separates its parts with "${used}" although ISA16 declares "${declared}"; it was read with "${used}"`,
  x12IssuesTruncated: (code: string, more: number) => `${more} more issue(s) of kind "${code}" were not listed individually`,
  // contracts: fee schedules, CMS fee schedule files, pricing
  pfsYearUnknown: () => 'the Medicare fee schedule year could not be read from the title rows or the file name (e.g. PPRRVU25, GPCI2025)',
  feeFileKindUnknown: () =>
    'the columns are neither a fee schedule (code and rate) nor contract terms (percent of Medicare); see the fee schedule layout in connectors/fees',
  rateInvalid: (text: string) => `"${text}" is neither an amount nor "excluded"`,
  percentInvalid: (text: string) => `"${text}" is not a percentage`,
  settingInvalid: (text: string) => `"${text}" is not a setting (facility or non-facility)`,
  localityInvalid: (text: string) => `"${text}" is not a Medicare locality (MAC number and locality, e.g. 01112-54)`,
  effectiveRangeInvalid: (from: string, to: string) => `the contract ends (${to}) before it starts (${from})`,
  // connectors/fhir
  fhirReferenceUnresolved: (what: string, reference: string, count: number) =>
    `the ${what} "${reference}" is not in the imported files` +
    (count > 1 ? ` (${count} resources refer to it)` : '') +
    '; its id and any display name are kept. Import the file that holds it (e.g. the practitioner and hospital bundles) together with this one',
  fhirFieldInvalid: (field: string, detail: string) => `${field}: ${detail}`,
  fhirAmountsRounded: (count: number) => `${count} amount(s) had fractions of a cent and were rounded to the cent (half away from zero)`,
  fhirRequiredMissing: (type: string, id: string, field: string) => `${type} ${id} has no ${field}, so it was not imported`,
  fhirClaimTotalMismatch: (claimId: string, totalCents: number, linesCents: number) =>
    `Claim ${claimId}: its total (${(totalCents / 100).toFixed(2)}) differs from its lines (${(linesCents / 100).toFixed(2)}); the lines were imported as stated`,
  fhirLineTooLong: (chars: number) => `the line is ${chars} characters long, more than a FHIR resource line may be here; it was skipped`,
  fhirFileTooLarge: (bytes: number, max: number) =>
    `the file is ${Math.ceil(bytes / 1048576)} MB, more than the ${Math.floor(max / 1048576)} MB a single FHIR JSON document may be; export it as bulk NDJSON instead`,
  fhirJsonInvalid: (detail: string) => `not valid JSON: ${detail}`,
  fhirNotAResource: () => 'this is not a FHIR resource (a JSON object with a resourceType)',
  fhirBundleEntriesInvalid: () => 'the Bundle\'s entry is not a list',
  fhirResourceInvalid: (type: string, id: string | undefined, path: string, detail: string) =>
    `${type}${id === undefined ? '' : ' ' + id}: ${path === '' ? '' : path + ': '}${detail}; the resource was not imported`,
} as const;
