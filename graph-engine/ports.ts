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

/**
 * An output port: a fixed type, the element type of the list arriving on an input (Pick's
 * choice), or that list's own type (what Pick keeps).
 */
export interface OutputSpec {
  type: ValueType | { elementOf: string } | { listOf: string };
  label?: string;
}

const LIST_OF: Partial<Record<ValueType, ValueType>> = { image: 'images', video: 'videos' };
const ELEMENT_OF: Partial<Record<ValueType, ValueType>> = { images: 'image', videos: 'video' };

/**
 * Whether a value of type `from` may flow into `input`: a single item is promoted to a list of one,
 * a list feeding a `multiple` input of its item type joins item by item (all of a comparison's
 * clips into one timeline), and a list feeding a single input of its item type maps the node over it.
 */
export function isCompatible(from: ValueType, input: InputSpec): boolean {
  if (input.accepts.includes(from)) return true;
  const promoted = LIST_OF[from];
  if (promoted !== undefined && input.accepts.includes(promoted)) return true;
  return spreadsList(from, input) || mapsOver(from, input);
}

/** Whether a list arriving at a single input of its item type makes the node run once per item. */
export function mapsOver(from: ValueType, input: InputSpec): boolean {
  const element = ELEMENT_OF[from];
  return !input.multiple && !input.accepts.includes(from) && element !== undefined && input.accepts.includes(element);
}

/** The list type of an item type (`image` → `images`); a list type is its own list; undefined when there is none. */
export function listType(type: ValueType): ValueType | undefined {
  return ELEMENT_OF[type] ? type : LIST_OF[type];
}

/** Whether a list arriving at a `multiple` input is spread into its items. */
export function spreadsList(from: ValueType, input: InputSpec): boolean {
  const element = ELEMENT_OF[from];
  return (
    Boolean(input.multiple) && !input.accepts.includes(from) && element !== undefined && input.accepts.includes(element)
  );
}

/** Whether a value of type `from` arriving at `input` needs wrapping into a list of one. */
export function needsPromotion(from: ValueType, input: InputSpec): boolean {
  const promoted = LIST_OF[from];
  return !input.accepts.includes(from) && promoted !== undefined && input.accepts.includes(promoted);
}

/** The element type of a list type (`images` → `image`), or undefined for non-lists. */
export function elementType(type: ValueType): ValueType | undefined {
  return ELEMENT_OF[type];
}

export function describeAccepts(input: InputSpec): string {
  return input.accepts.join(' or ');
}
