/**
 * A small RFC 4180 reader: comma-separated, `"`-quoted fields that may hold commas, doubled quotes and line
 * breaks. The scorecard CSVs end records with CRLF but break lines inside quoted fields with a bare LF, so
 * each record also carries the physical line it starts on (what an editor shows) for error messages.
 */
export interface CsvRecord {
  fields: string[];
  /** 1-based physical line where the record starts. */
  line: number;
}

export interface CsvResult {
  records: CsvRecord[];
  /** Problems that did not stop the reading (an unterminated quote). */
  errors: string[];
}

export function readCsv(text: string): CsvResult {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const st: ReaderState = { records: [], fields: [], field: '', quoted: false, line: 1, recordLine: 1 };
  let i = 0;
  while (i < src.length) {
    const ch = src.charAt(i);
    if (st.quoted) i = quotedChar(src, i, st);
    else if (ch === '"' && st.field === '') st.quoted = true;
    else if (ch === ',') endField(st);
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src.charAt(i + 1) === '\n') i += 1;
      endRecord(st);
      st.line += 1;
      st.recordLine = st.line;
    } else st.field += ch;
    i += 1;
  }
  const errors: string[] = [];
  if (st.quoted)
    errors.push(`line ${st.recordLine}: a quoted field is not closed before the end of the file`);
  if (st.field !== '' || st.fields.length > 0) endRecord(st);
  return { records: st.records, errors };
}

interface ReaderState {
  records: CsvRecord[];
  fields: string[];
  field: string;
  quoted: boolean;
  line: number;
  recordLine: number;
}

/** Consumes one character inside quotes; returns the index of the last character consumed. */
function quotedChar(src: string, i: number, st: ReaderState): number {
  const ch = src.charAt(i);
  if (ch === '"' && src.charAt(i + 1) === '"') {
    st.field += '"';
    return i + 1;
  }
  if (ch === '"') st.quoted = false;
  else st.field += ch;
  if (ch === '\n') st.line += 1;
  return i;
}

function endField(st: ReaderState): void {
  st.fields.push(st.field.replace(/\r\n/g, '\n'));
  st.field = '';
}

function endRecord(st: ReaderState): void {
  endField(st);
  // A blank line is not a record.
  if (st.fields.length > 1 || st.fields[0] !== '')
    st.records.push({ fields: st.fields, line: st.recordLine });
  st.fields = [];
}
