import { callsInto } from './services';

export type { ImportOptions } from './graph-documents';

/** Graphs (`createDocuments`, in this page's session): opening, importing, copies, deleting, editing with undo. */
const via = callsInto((built) => built.documents);

export const bootstrap = via('bootstrap');
export const openGraph = via('openGraph');
export const viewVersion = via('viewVersion');
export const newGraph = via('newGraph');
export const importGraph = via('importGraph');
export const openParsed = via('openParsed');
export const openGraphFile = via('openGraphFile');
export const openGraphFrom = via('openGraphFrom');
export const toldWhyNot = via('toldWhyNot');
export const openAsRan = via('openAsRan');
export const duplicateGraph = via('duplicateGraph');
export const deleteGraph = via('deleteGraph');
export const updateDoc = via('updateDoc');
export const undo = via('undo');
export const redo = via('redo');
