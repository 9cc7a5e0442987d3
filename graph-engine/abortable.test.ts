import { describe, expect, it } from 'vitest';
import { abortable } from './abortable';

describe('abortable', () => {
  it('settles as the work does while the signal stays quiet', async () => {
    await expect(abortable(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7);
    await expect(abortable(Promise.reject(new Error('broken')), new AbortController().signal)).rejects.toThrow(
      'broken',
    );
  });

  it('rejects with the reason the moment the signal aborts, without waiting for the work', async () => {
    const controller = new AbortController();
    const never = new Promise<number>(() => {});
    const pending = abortable(never, controller.signal);
    controller.abort(new Error('Cancelled by you'));
    await expect(pending).rejects.toThrow('Cancelled by you');
  });

  it('rejects at once on a signal that has already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(abortable(Promise.resolve(1), controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
