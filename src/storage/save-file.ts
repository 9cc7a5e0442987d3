/** Hands a file to the browser's downloads. */
export function saveFile(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A name a file system takes: letters, digits, dashes and underscores, at most 60 (`fallback` for none). */
export function safeFileName(name: string, fallback: string): string {
  return (name || fallback).replace(/[^\w-]+/g, '-').slice(0, 60);
}
