import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Font } from 'fontkit';

/**
 * Be Vietnam Pro (SIL Open Font License 1.1), from the npm package rather than a copied file, so an update of
 * the package updates the documents. PDF's standard fonts have no Vietnamese glyphs; a TrueType font embedded
 * as a subset carries them, with the ToUnicode map that makes the text searchable and copyable.
 */
const require = createRequire(import.meta.url);
const PACKAGE = '@expo-google-fonts/be-vietnam-pro';

export interface DocumentFonts {
  regular: Font;
  bold: Font;
  italic: Font;
}

let parsed: Promise<DocumentFonts> | undefined;

/**
 * The fonts, read and parsed once per process. Parsing the tables (cmap, glyph metrics, the shaping rules)
 * was two thirds of a certificate's time when each document parsed its own copy; pdfkit accepts an
 * already-parsed fontkit font (pdfkit 0.20 changelog), and each document still embeds its own subset.
 */
export function documentFonts(): Promise<DocumentFonts> {
  parsed ??= (async () => {
    // The fontkit pdfkit itself imports (npm installs one copy): loading pdfkit has loaded it already.
    const fontkit = await import('fontkit');
    const load = (file: string) => fontkit.create(readFileSync(require.resolve(`${PACKAGE}/${file}`)));
    return {
      regular: load('400Regular/BeVietnamPro_400Regular.ttf'),
      bold: load('700Bold/BeVietnamPro_700Bold.ttf'),
      italic: load('400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf'),
    };
  })();
  return parsed;
}
