import { DOCUMENT_FORMAT, SCHEMA_VERSION, type EdgeDoc, type GraphDocument, type NodeDoc } from './schema';

/** A new document; ids and time come in as arguments so the engine stays deterministic. */
export function createDocument(init: {
  id: string;
  name: string;
  appVersion: string;
  now: Date;
  nodes?: NodeDoc[];
  edges?: EdgeDoc[];
}): GraphDocument {
  const stamp = init.now.toISOString();
  return {
    format: DOCUMENT_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    id: init.id,
    name: init.name,
    nodes: init.nodes ?? [],
    edges: init.edges ?? [],
    viewport: { x: 0, y: 0, zoom: 1 },
    metadata: { appVersion: init.appVersion, createdAt: stamp, updatedAt: stamp },
  };
}
