/** Whether a key event comes from a place that types text: there, keys keep their text meaning (undo, `/`, `?`). */
export function isTextField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}
