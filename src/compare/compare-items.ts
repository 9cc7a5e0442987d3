import { isArtifactRef, type ArtifactRef, type GraphDocument, type TakeRecord } from '../../graph-engine';

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

/** One place on the take board: a made take (or candidate), or a take that failed or was dropped. */
export interface BoardTile {
  item?: ArtifactRef;
  take?: TakeRecord;
  row: number;
  column: number;
}

export interface Board {
  tiles: BoardTile[];
  /** Row headings (the still each row's takes start from), and column headings (the model). */
  rows: string[];
  columns: string[];
}

/** The first stored media a take made, on the ports a board shows. */
function mediaOf(take: TakeRecord): ArtifactRef | undefined {
  for (const value of Object.values(take.outputs ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (isArtifactRef(first)) return first;
  }
  return undefined;
}

/**
 * Lays a node's results out for judging: takes grouped by the element they took from the first
 * mapped input (rows) and by the fanned-out value (columns), failed and dropped takes in their
 * place; a node without takes (a Still's candidates) as one grid.
 */
export function boardOf(
  outputs: Record<string, unknown> | undefined,
  takes: readonly TakeRecord[] | undefined,
  fanLabel: (value: unknown) => string = String,
): Board | undefined {
  if (takes && takes.length > 1) {
    const axis = Object.keys(takes[0].at)[0];
    const rowKeys = [...new Set(takes.map((take) => (axis ? take.at[axis] : 0)))];
    const columnKeys = [...new Set(takes.map((take) => take.fan))];
    return {
      tiles: takes.map((take) => ({
        take,
        item: take.status === 'dropped' ? undefined : mediaOf(take),
        row: rowKeys.indexOf(axis ? take.at[axis] : 0),
        column: columnKeys.indexOf(take.fan),
      })),
      rows: axis ? rowKeys.map((key) => `${axis} ${Number(key) + 1}`) : [],
      columns: columnKeys.some((key) => key !== undefined) ? columnKeys.map((key) => fanLabel(key)) : [],
    };
  }
  const list = compareItems(outputs);
  if (!list) return undefined;
  const columns = Math.min(3, Math.ceil(Math.sqrt(list.items.length)));
  return {
    tiles: list.items.map((item, at) => ({ item, row: Math.floor(at / columns), column: at % columns })),
    rows: [],
    columns: [],
  };
}

/** The Pick fed by any of this node's outputs (what the board's keeps and stars go to), with the port. */
export function pickFedBy(
  doc: Pick<GraphDocument, 'nodes' | 'edges'>,
  nodeId: string,
): { pickId: string; port: string } | undefined {
  const edge = doc.edges.find(
    (candidate) =>
      candidate.from.node === nodeId && doc.nodes.find((node) => node.id === candidate.to.node)?.kind === 'pick',
  );
  return edge && { pickId: edge.to.node, port: edge.from.port };
}
