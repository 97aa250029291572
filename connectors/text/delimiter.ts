/** Which character separates the fields of a delimited text export. */

export type Delimiter = '\t' | ',' | ';' | '|';

const CANDIDATES: readonly Delimiter[] = ['\t', ',', ';', '|'];

export const delimiterNames: Record<Delimiter, string> = { '\t': 'tab', ',': 'comma', ';': 'semicolon', '|': 'pipe' };

/**
 * Field counts per record for each candidate delimiter over the first records of `text`,
 * honouring double quotes (a quoted field may hold delimiters and line breaks).
 */
function fieldCounts(text: string, maxRecords: number): Map<Delimiter, number[]> {
  const counts = new Map<Delimiter, number[]>(CANDIDATES.map((d) => [d, []]));
  const current = new Map<Delimiter, number>(CANDIDATES.map((d) => [d, 1]));
  let inQuotes = false;
  let records = 0;
  let lineHasText = false;
  for (let i = 0; i < text.length && records < maxRecords; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++; // an escaped quote
        else inQuotes = false;
      }
    } else if (c === '"' && (i === 0 || '\t,;|\n\r '.includes(text[i - 1] ?? ''))) {
      // A quote opens a field only at its start (a stray quote inside a TSV value is text).
      inQuotes = true;
      lineHasText = true;
    } else if ((c === '\n' || c === '\r')) {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (lineHasText) {
        for (const d of CANDIDATES) counts.get(d)?.push(current.get(d) ?? 1);
        records++;
      }
      for (const d of CANDIDATES) current.set(d, 1);
      lineHasText = false;
    } else if (current.has(c as Delimiter)) {
      current.set(c as Delimiter, (current.get(c as Delimiter) ?? 1) + 1);
      lineHasText = true;
    } else if (c !== ' ') {
      lineHasText = true;
    }
  }
  return counts;
}

/**
 * Picks the delimiter whose field count is most consistent across records (title lines above the
 * header are tolerated: the most common count wins), preferring more fields on a tie.
 * Returns undefined when no candidate splits the text into more than one field.
 */
export function sniffDelimiter(text: string, fileName = ''): Delimiter | undefined {
  const counts = fieldCounts(text, 60);
  let best: { d: Delimiter; score: number; fields: number } | undefined;
  for (const d of CANDIDATES) {
    const list = counts.get(d) ?? [];
    const frequency = new Map<number, number>();
    for (const n of list) if (n > 1) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    let modeFields = 0;
    let modeCount = 0;
    for (const [n, f] of frequency) if (f > modeCount || (f === modeCount && n > modeFields)) [modeFields, modeCount] = [n, f];
    if (modeCount === 0) continue;
    // Tabs and file names ending .tsv win ties; a comma inside tab-separated text is common.
    const bonus = d === '\t' && /\.(tsv|tab)$/i.test(fileName) ? 0.5 : 0;
    const score = modeCount + bonus;
    if (best === undefined || score > best.score || (score === best.score && modeFields > best.fields)) {
      best = { d, score, fields: modeFields };
    }
  }
  return best?.d;
}
