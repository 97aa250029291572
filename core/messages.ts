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
} as const;
