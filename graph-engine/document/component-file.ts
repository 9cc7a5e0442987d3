import type { NodeRegistry } from '../node-def';
import { formatBytes } from '../format-bytes';
import type { DocIssue } from './issues';
import { FILE_LIMITS } from './limits';
import { parseDocument } from './parse';
import { DOCUMENT_FORMAT, SCHEMA_VERSION, type ComponentDef } from './schema';

/** The tag of a component saved as a file (a library item travelling on its own). */
export const COMPONENT_FILE_FORMAT = 'reelgraph.component';

/** A component as a file: its definition and the definitions it uses inside. */
export interface ComponentFile {
  format: typeof COMPONENT_FILE_FORMAT;
  schemaVersion: number;
  component: ComponentDef;
  uses: ComponentDef[];
}

export function componentFile(component: ComponentDef, uses: readonly ComponentDef[]): ComponentFile {
  return { format: COMPONENT_FILE_FORMAT, schemaVersion: SCHEMA_VERSION, component, uses: [...uses] };
}

/** Whether text looks like a component file (before it is read). */
export function isComponentFile(text: string): boolean {
  return /"format"\s*:\s*"reelgraph\.component"/.test(text.slice(0, 4096));
}

/**
 * Reads an untrusted component file as a graph holding only its definitions would be read: the
 * same limits, schema, migrations of old versions and of the nodes inside, so a component file is
 * never trusted more than a graph file. Never throws.
 */
export function readComponentFile(
  text: string,
  registry: NodeRegistry,
): { ok: true; component: ComponentDef; uses: ComponentDef[] } | { ok: false; errors: DocIssue[] } {
  if (text.length > FILE_LIMITS.maxText)
    return { ok: false, errors: [{ path: '(top level)', message: `is ${formatBytes(text.length)}; too large` }] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ path: '(top level)', message: `this is not valid JSON (${reason})` }] };
  }
  const file = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof ComponentFile, unknown>>;
  if (file.format !== COMPONENT_FILE_FORMAT || typeof file.component !== 'object' || file.component === null)
    return { ok: false, errors: [{ path: 'format', message: `this is not a Reelgraph component file` }] };
  const uses = Array.isArray(file.uses) ? file.uses : [];
  const now = new Date(0).toISOString();
  const parsed = parseDocument(
    {
      format: DOCUMENT_FORMAT,
      schemaVersion: file.schemaVersion,
      id: 'component-file',
      name: '',
      nodes: [],
      edges: [],
      components: [file.component, ...uses],
      viewport: { x: 0, y: 0, zoom: 1 },
      metadata: { appVersion: '', createdAt: now, updatedAt: now },
    },
    registry,
  );
  if (!parsed.ok) return parsed;
  const [component, ...rest] = parsed.doc.components!;
  return { ok: true, component, uses: rest };
}
