import { isArtifactRef, type ArtifactRef, type GraphDocument } from '../../graph-engine';

/** The list a node shows for comparison: Animate's clips or Still's candidates. */
export function compareItems(
  outputs: Record<string, unknown> | undefined,
): { port: string; items: ArtifactRef[] } | undefined {
  for (const port of ['clips', 'images']) {
    const value = outputs?.[port];
    if (Array.isArray(value) && value.length > 0 && value.every(isArtifactRef)) return { port, items: value };
  }
  return undefined;
}

/** The Pick fed by this node's list, whose choice the compare view sets; undefined when there is none. */
export function pickFedBy(doc: GraphDocument, nodeId: string, port: string): string | undefined {
  const edge = doc.edges.find(
    (candidate) =>
      candidate.from.node === nodeId &&
      candidate.from.port === port &&
      doc.nodes.find((node) => node.id === candidate.to.node)?.kind === 'pick',
  );
  return edge?.to.node;
}
