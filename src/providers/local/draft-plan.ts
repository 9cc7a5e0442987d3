import { sha256Text } from '../../../graph-engine';

/**
 * What a local draft shows, worked out from the prompt's words and the seed: the light, the land,
 * the subject and where it stands, the shot size, the weather. The words choose what is there;
 * the seed varies where and how (horizon, placement, shapes, palette), so a draft is useful for
 * framing and camera tests. It is a placeholder drawn by rules, not an image model.
 */
export interface DraftPlan {
  light: Light;
  land: Land;
  subject?: { shape: Subject; x: number; height: number };
  weather: Weather;
  /** The horizon, as a fraction of the height from the top. */
  horizon: number;
  /** The sun or moon, in fractions of the width and height; none under cloud or in a city night. */
  sun?: { x: number; y: number; radius: number };
  /** Degrees added to the light's hues: two seeds of one prompt are not one palette. */
  hueShift: number;
  /** A number for every shape drawn: the same plan always draws the same picture. */
  seedText: string;
}

export type Light = 'dawn' | 'day' | 'golden' | 'dusk' | 'night' | 'overcast' | 'neon';
export type Land = 'hills' | 'mountains' | 'sea' | 'city' | 'forest' | 'desert' | 'field';
export type Subject = 'tower' | 'figure' | 'cyclist' | 'tree' | 'vehicle' | 'boat' | 'building' | 'bird';
export type Weather = 'clear' | 'fog' | 'rain' | 'snow';

/** The first rule whose words appear in the prompt wins: more particular words first. */
const LIGHTS: [Light, RegExp][] = [
  ['neon', /\bneon\b|cyberpunk/],
  ['golden', /golden hour|sunset|sundown|magic hour/],
  ['dawn', /\bdawn\b|sunrise|daybreak|first light/],
  ['dusk', /\bdusk\b|twilight|blue hour|evening/],
  ['night', /\bnight\b|midnight|moon|stars?\b|starry/],
  ['overcast', /overcast|storm|grey|gray|cloudy|gloomy/],
  ['day', /\bnoon\b|midday|daylight|sunny|bright|\bday\b/],
];
const LANDS: [Land, RegExp][] = [
  ['sea', /\bsea\b|ocean|beach|coast|shore|harbou?r|\blake\b|river|waves?\b|bay\b/],
  ['city', /\bcity\b|street|urban|skyline|downtown|alley|rooftops?|\bbridge\b|neon/],
  ['mountains', /mountain|\bpeaks?\b|alps|cliffs?\b|summit|ridge|canyon/],
  ['forest', /forest|woods|jungle|\bpines?\b|grove/],
  ['desert', /desert|dunes?\b|\bsand\b|sahara|canyon/],
  ['field', /\bfield\b|meadow|farm|prairie|plains?\b|grass/],
];
const SUBJECTS: [Subject, RegExp][] = [
  ['tower', /lighthouse|tower|castle|spire|windmill|monument/],
  ['boat', /\bboat\b|\bship\b|sail|yacht|ferry|kayak/],
  ['cyclist', /cyclist|bicycle|\bbike\b|rider/],
  ['vehicle', /\bcar\b|motorcycle|\btrain\b|\btruck\b|\bvan\b|\bbus\b/],
  ['bird', /\bbird\b|heron|eagle|gull|crow|owl|swan|hawk/],
  ['building', /house|cabin|cottage|church|temple|building|barn|hut/],
  ['tree', /\btree\b|\boak\b|willow|baobab|cherry blossom/],
  ['figure', /person|\bman\b|woman|\bgirl\b|\bboy\b|runner|dancer|figure|portrait|child|hiker|walker|couple/],
];
const SHOTS: [number, RegExp][] = [
  [0.62, /close-?up|closeup|portrait|macro|detail|\bclose\b/],
  [0.16, /\bwide\b|establishing|aerial|panorama|drone|landscape|vast/],
  [0.36, /medium|mid shot|tracking|\bfull shot\b/],
];
const WEATHERS: [Weather, RegExp][] = [
  ['fog', /\bfog|mist|haze|smoke/],
  ['rain', /\brain|storm|drizzle|downpour|wet\b/],
  ['snow', /\bsnow|blizzard|winter|frost/],
];

const first = <T>(rules: [T, RegExp][], words: string): T | undefined =>
  rules.find(([, pattern]) => pattern.test(words))?.[0];

/** A small deterministic PRNG (mulberry32) seeded from text. */
export function random(seedText: string): () => number {
  let state = Number.parseInt(sha256Text(seedText).slice(0, 8), 16);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function planDraft(prompt: string, seed: number): DraftPlan {
  const words = prompt.toLowerCase();
  const seedText = `${prompt}\u0000${seed}`;
  const next = random(seedText);
  const pick = <T>(options: readonly T[]) => options[Math.floor(next() * options.length)];
  const light = first(LIGHTS, words) ?? pick(['dawn', 'day', 'golden', 'dusk'] as const);
  const land = first(LANDS, words) ?? pick(['hills', 'mountains', 'field', 'forest'] as const);
  const shape = first(SUBJECTS, words);
  const scale = first(SHOTS, words) ?? 0.32;
  const weather = first(WEATHERS, words) ?? 'clear';
  // A close shot looks up at its subject (a low horizon); a wide one sits the horizon on a third.
  const horizon = scale > 0.5 ? 0.62 + next() * 0.12 : pick([0.38, 0.5, 0.62]) + (next() - 0.5) * 0.08;
  // Subjects stand on a third, now and then in the middle; a close-up nearer the middle.
  const thirds = scale > 0.5 ? [0.4, 0.5, 0.6] : [1 / 3, 2 / 3, 1 / 3, 2 / 3, 0.5];
  const subject = shape && {
    shape: land === 'sea' && shape === 'vehicle' ? ('boat' as const) : shape,
    x: pick(thirds) + (next() - 0.5) * 0.06,
    height: scale * (0.85 + next() * 0.3),
  };
  const subjectX = subject?.x ?? 0.5;
  const lowSun = light === 'golden' || light === 'dawn' || light === 'dusk';
  const sun =
    light === 'overcast' || light === 'neon' || weather === 'rain'
      ? undefined
      : {
          // Away from the subject, so the two never sit on one another.
          x: subjectX < 0.5 ? 0.58 + next() * 0.3 : 0.12 + next() * 0.3,
          y: lowSun ? horizon - 0.04 - next() * 0.1 : 0.12 + next() * 0.2,
          radius: light === 'night' ? 0.035 : 0.05 + next() * 0.04,
        };
  return { light, land, subject, weather, horizon, sun, hueShift: Math.round((next() - 0.5) * 40), seedText };
}
