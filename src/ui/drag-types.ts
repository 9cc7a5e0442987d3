/** The MIME type a palette entry is dragged with; the canvas adds the kind where it is dropped. */
export const KIND_DRAG_TYPE = 'application/x-reelgraph-kind';
/** A piece of media dragged from the Library (its artifact reference, as JSON); the canvas makes a node of it. */
export const ARTIFACT_DRAG_TYPE = 'application/x-reelgraph-artifact';
