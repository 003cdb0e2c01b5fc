import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Reading generated PDFs back in tests, with pdf.js (what browsers use): the text a reader would copy or a
 * search engine would index, page by page, and the drawing operators of the page content.
 */
export interface PdfText {
  pages: string[];
  title: string;
  author: string;
  creationDate: string;
}

export async function readPdf(bytes: Buffer): Promise<PdfText> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false })
    .promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  const info = (await pdf.getMetadata()).info as Record<string, string | undefined>;
  await pdf.destroy();
  return {
    pages,
    title: info.Title ?? '',
    author: info.Author ?? '',
    creationDate: info.CreationDate ?? '',
  };
}

/** Text with every whitespace run as one space: wrapped lines join back into the sentence. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** The decompressed streams of the file that hold page drawing operators. */
export function contentStreams(bytes: Buffer): string[] {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const start = bytes.indexOf('stream\n', at);
    if (start < 0) return out;
    const end = bytes.indexOf('\nendstream', start);
    try {
      const text = inflateSync(bytes.subarray(start + 7, end)).toString('latin1');
      if (/ (re|cm)\n/.test(text)) out.push(text);
    } catch {
      // not a Flate stream (or not a drawing): skipped
    }
    at = end + 10;
  }
}
