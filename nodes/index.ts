/** The node kinds: the one list of them, the factory for new nodes, and what executors may ask of the app. */
export { kindForFile, nodeDefs, nodeRegistry, portsOfNode, type NodeKind } from './registry';
export { newNode } from './new-node';
export type { NodeProviders } from './providers';
export { inputUsed, inspectorShows } from './inspector-fields';
