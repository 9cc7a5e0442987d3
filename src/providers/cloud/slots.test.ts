import { describe, expect, it } from 'vitest';
import { createSlots } from './slots';

const quiet = new AbortController().signal;

/** A job that holds its slot until `finish` is called. */
function held() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { finish, work: () => done };
}

describe('provider slots', () => {
  it('lets at most `limit` jobs in at once, the rest in order', async () => {
    const withSlot = createSlots();
    const first = held();
    const started: string[] = [];
    const a = withSlot('kling', 1, quiet, async () => (started.push('a'), first.work()));
    const b = withSlot('kling', 1, quiet, async () => void started.push('b'));
    await Promise.resolve();
    expect(started).toEqual(['a']);
    first.finish();
    await Promise.all([a, b]);
    expect(started).toEqual(['a', 'b']);
  });

  it('drops a job cancelled while it waits, at once, and it never takes a slot', async () => {
    const withSlot = createSlots();
    const first = held();
    const a = withSlot('veo', 1, quiet, first.work);
    const controller = new AbortController();
    let ran = false;
    const waiting = withSlot('veo', 1, controller.signal, async () => void (ran = true));
    controller.abort(new Error('Cancelled by you'));
    await expect(waiting).rejects.toThrow('Cancelled by you');
    // The slot passes to the next live job, not to the cancelled one.
    let third = false;
    const c = withSlot('veo', 1, quiet, async () => void (third = true));
    first.finish();
    await Promise.all([a, c]);
    expect([ran, third]).toEqual([false, true]);
  });

  it('refuses a job whose signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(createSlots()('fal', 4, controller.signal, async () => 1)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
