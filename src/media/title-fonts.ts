import inter from '@fontsource/inter/files/inter-latin-700-normal.woff2?url';
import playfair from '@fontsource/playfair-display/files/playfair-display-latin-700-normal.woff2?url';
import bebas from '@fontsource/bebas-neue/files/bebas-neue-latin-400-normal.woff2?url';
import { TITLE_FONTS, type TitleFont } from '../../nodes/assemble/schema';

/** Each title font's file, bundled and served from this app's own origin (never a font CDN). */
const FILES: Record<TitleFont, string> = { sans: inter, serif: playfair, display: bebas };

let loaded: Promise<void> | undefined;

/** Loads the title fonts into this page, once: the renderer and the node's preview both draw with them. */
export function titleFontsReady(): Promise<void> {
  loaded ??= Promise.all(
    (Object.keys(TITLE_FONTS) as TitleFont[]).map(async (id) => {
      const { family, weight } = TITLE_FONTS[id];
      const face = new FontFace(family, `url(${FILES[id]})`, { weight: String(weight) });
      document.fonts.add(await face.load());
    }),
  ).then(
    () => {},
    (error: unknown) => {
      // Tried again next time: a font that failed once (a network hiccup) is not a lasting refusal.
      loaded = undefined;
      throw new Error(`The title fonts did not load: ${error instanceof Error ? error.message : String(error)}`);
    },
  );
  return loaded;
}
