/**
 * The one function of fontkit (pdfkit's font engine, no published types) the documents use. The parsed font
 * is handed to pdfkit as is; nothing else of its shape is read here.
 */
declare module 'fontkit' {
  export interface Font {
    readonly postscriptName: string;
  }
  export function create(data: Uint8Array): Font;
}
