import type { z } from 'zod';

/** One problem found in a document, located by its JSON path, in words a user understands. */
export interface DocIssue {
  path: string;
  message: string;
}

/** `['nodes', 3, 'position', 'x']` → `nodes[3].position.x` */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? '(top level)' : text;
}

const ARTICLE: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
};

/** Describes a received value briefly, without echoing huge strings back. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? `text "${value.slice(0, 40)}…"` : `text "${value}"`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = ARTICLE[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return `is missing (expected ${expected})`;
      return `expected ${expected}, got ${describeValue(issue.input)}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}, got ${describeValue(issue.input)}`
        : `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, got ${describeValue(issue.input)}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `is too long (at most ${issue.maximum} characters)`
        : issue.origin === 'array'
          ? `has too many items (at most ${issue.maximum})`
          : `must be at most ${issue.maximum}`;
    case 'too_small':
      return issue.origin === 'string'
        ? Number(issue.minimum) <= 1
          ? 'must not be empty'
          : `is too short (at least ${issue.minimum} characters)`
        : issue.origin === 'array'
          ? `needs at least ${issue.minimum} items`
          : `must be at least ${issue.minimum}`;
    case 'invalid_format':
      return issue.format === 'datetime'
        ? 'must be a date and time like 2026-01-31T12:00:00Z'
        : `is not a valid ${issue.format}`;
    case 'invalid_union':
      return 'does not match any of the accepted forms';
    default:
      return issue.message;
  }
}

/** Turns zod's issues into located, readable ones, prefixing each path with `prefix`. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): DocIssue[] {
  return issues.map((issue) => ({ path: formatPath([...prefix, ...issue.path]), message: describeIssue(issue) }));
}
