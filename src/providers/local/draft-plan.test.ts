import { describe, expect, it } from 'vitest';
import { planDraft } from './draft-plan';

describe('planDraft: what a local draft shows', () => {
  it('takes its light, land, subject, shot size and weather from the prompt’s words', () => {
    expect(planDraft('A lighthouse on a cliff at golden hour, slow push-in', 1)).toMatchObject({
      light: 'golden',
      land: 'mountains',
      subject: { shape: 'tower' },
      weather: 'clear',
    });
    const closeUp = planDraft('Close-up portrait of a woman in the rain at night', 1);
    expect(closeUp).toMatchObject({ light: 'night', subject: { shape: 'figure' }, weather: 'rain' });
    expect(closeUp.subject!.height).toBeGreaterThan(0.5);
    expect(closeUp.sun).toBeUndefined();
    const wide = planDraft('Wide shot: a lone cyclist on a bridge, dusk, neon reflections', 1);
    expect(wide).toMatchObject({ light: 'neon', land: 'city', subject: { shape: 'cyclist' } });
    expect(wide.subject!.height).toBeLessThan(0.25);
    expect(planDraft('a boat on a calm sea at dawn, fog', 1)).toMatchObject({
      light: 'dawn',
      land: 'sea',
      subject: { shape: 'boat' },
      weather: 'fog',
    });
  });

  it('is the same picture for the same prompt and seed, and moves things around from seed to seed', () => {
    const prompt = 'A heron in a misty field';
    expect(planDraft(prompt, 3)).toEqual(planDraft(prompt, 3));
    const plans = Array.from({ length: 8 }, (_, seed) => planDraft(prompt, seed));
    // Placement on a third (or the middle) and the horizon differ across seeds.
    expect(new Set(plans.map((plan) => plan.subject!.x.toFixed(2))).size).toBeGreaterThan(3);
    expect(new Set(plans.map((plan) => plan.horizon.toFixed(2))).size).toBeGreaterThan(3);
    for (const plan of plans) {
      expect(plan.subject!.x).toBeGreaterThan(0.25);
      expect(plan.subject!.x).toBeLessThan(0.75);
      // The sun never sits on the subject.
      if (plan.sun) expect(Math.abs(plan.sun.x - plan.subject!.x)).toBeGreaterThan(0.05);
    }
  });

  it('chooses the scene by seed when the words name none, and shows no subject it was not asked for', () => {
    const plans = Array.from({ length: 12 }, (_, seed) => planDraft('something beautiful', seed));
    expect(new Set(plans.map((plan) => plan.land)).size).toBeGreaterThan(1);
    expect(new Set(plans.map((plan) => plan.light)).size).toBeGreaterThan(1);
    expect(plans.every((plan) => plan.subject === undefined)).toBe(true);
  });
});
