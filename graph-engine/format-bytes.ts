/** A size as people read it, in the binary units browsers and systems show: "820 KB", "4.2 MB", "63 MB", "1.5 GB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  // Moves up a unit when the number as shown would reach 1024 ("1 MB", not "1024 KB" for 1,048,575 bytes).
  while (unit < units.length - 1 && shownAs(value, unit) >= 1024) {
    value /= 1024;
    unit++;
  }
  return `${shownAs(value, unit)} ${units[unit]}`;
}

/** Whole from ten up; below, one decimal unless it is whole ("1 MB", not "1.0 MB"). */
function shownAs(value: number, unit: number): number {
  return unit === 0 || value >= 9.95 ? Math.round(value) : Math.round(value * 10) / 10;
}
