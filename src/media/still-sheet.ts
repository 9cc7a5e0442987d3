/** One tile of a still contact sheet: a player or image on screen (its current frame), with its label. */
export interface SheetTile {
  source: HTMLVideoElement | HTMLImageElement | null;
  label: string;
}

const TILE_WIDTH = 480;
const LABEL_HEIGHT = 28;

/**
 * A PNG of the takes as they stand on the board: each player's current frame (or each still) in
 * a grid, at most three across, labelled below; drawn from what is on screen, so no decode again.
 */
export async function stillContactSheet(tiles: readonly SheetTile[]): Promise<Blob> {
  const drawable = tiles.filter((tile) => tile.source);
  if (drawable.length === 0) throw new Error('nothing on the board is loaded yet');
  const sizeOf = (source: HTMLVideoElement | HTMLImageElement) =>
    source instanceof HTMLVideoElement
      ? { width: source.videoWidth, height: source.videoHeight }
      : { width: source.naturalWidth, height: source.naturalHeight };
  const first = sizeOf(drawable[0].source!);
  const tileHeight = Math.round((TILE_WIDTH * (first.height || 9)) / (first.width || 16));
  const columns = Math.min(3, drawable.length);
  const rows = Math.ceil(drawable.length / columns);
  const canvas = document.createElement('canvas');
  canvas.width = columns * TILE_WIDTH;
  canvas.height = rows * (tileHeight + LABEL_HEIGHT);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw the sheet');
  context.fillStyle = '#0b0c10';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.font = '15px system-ui, sans-serif';
  context.textBaseline = 'middle';
  drawable.forEach((tile, at) => {
    const x = (at % columns) * TILE_WIDTH;
    const y = Math.floor(at / columns) * (tileHeight + LABEL_HEIGHT);
    const { width, height } = sizeOf(tile.source!);
    // Contain: the whole frame, letterboxed.
    const scale = Math.min(TILE_WIDTH / (width || 1), tileHeight / (height || 1));
    const [w, h] = [width * scale, height * scale];
    context.drawImage(tile.source!, x + (TILE_WIDTH - w) / 2, y + (tileHeight - h) / 2, w, h);
    context.fillStyle = '#e6e6e6';
    context.fillText(tile.label, x + 8, y + tileHeight + LABEL_HEIGHT / 2, TILE_WIDTH - 16);
  });
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the sheet could not be encoded'))), 'image/png'),
  );
}
