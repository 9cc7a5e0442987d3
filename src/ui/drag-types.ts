/** The MIME type a palette entry is dragged with; the canvas adds the kind where it is dropped. */
export const KIND_DRAG_TYPE = 'application/x-reelgraph-kind';
