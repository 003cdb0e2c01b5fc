/**
 * CSV as Vietnamese Excel saves it: UTF-8 with or without a BOM, separated by commas or — with a Vietnamese
 * locale — semicolons, fields quoted with `"` (doubled inside). The separator is the one of `,` and `;` that
 * occurs more often outside quotes in the first lines.
 */
export interface CsvRow {
  /** 1-based physical line where the record starts. */
  line: number;
  fields: string[];
}

export function detectSeparator(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 30; i++) {
    const ch = text.charAt(i);
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === '\n') lines++;
  }
  return semicolons > commas ? ';' : ',';
}

export function readCsvRows(input: string): CsvRow[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const sep = detectSeparator(text);
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.some((f) => f !== '')) rows.push({ line: start, fields });
    fields = [];
    field = '';
    start = line;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text.charAt(i + 1) === '\n') i++;
      line++;
      endRecord();
    } else field += ch;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return rows;
}

/** Quotes a field when it needs it (separator, quote, line break). */
export function csvField(value: string, sep = ','): string {
  return value.includes(sep) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
