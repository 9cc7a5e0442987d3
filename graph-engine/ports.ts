/**
 * What flows through a port. `images` and `videos` are candidate lists (N stills from one run,
 * several models on one still); a single `image` may feed an `images` input as a list of one.
 */
export const VALUE_TYPES = ['text', 'image', 'video', 'audio', 'camera', 'images', 'videos'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/** An input port. `multiple` inputs take many edges (in edge order); others take exactly one. */
export interface InputSpec {
  /** The types this port accepts. */
  accepts: readonly ValueType[];
  optional?: boolean;
  multiple?: boolean;
  label?: string;
}

/** An output port: a fixed type, or the element type of the list arriving on an input (Pick). */
export interface OutputSpec {
  type: ValueType | { elementOf: string };
  label?: string;
}

const LIST_OF: Partial<Record<ValueType, ValueType>> = { image: 'images', video: 'videos' };
const ELEMENT_OF: Partial<Record<ValueType, ValueType>> = { images: 'image', videos: 'video' };

/** Whether a value of type `from` may flow into `input`; a single item is promoted to a list of one. */
export function isCompatible(from: ValueType, input: InputSpec): boolean {
  if (input.accepts.includes(from)) return true;
  const promoted = LIST_OF[from];
  return promoted !== undefined && input.accepts.includes(promoted);
}

/** Whether a value of type `from` arriving at `input` needs wrapping into a list of one. */
export function needsPromotion(from: ValueType, input: InputSpec): boolean {
  return !input.accepts.includes(from) && isCompatible(from, input);
}

/** The element type of a list type (`images` → `image`), or undefined for non-lists. */
export function elementType(type: ValueType): ValueType | undefined {
  return ELEMENT_OF[type];
}

export function describeAccepts(input: InputSpec): string {
  return input.accepts.join(' or ');
}
