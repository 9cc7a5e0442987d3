import { canonicalJSON, type ArtifactRef, type ComponentDef } from '../../graph-engine';
import type { ReelgraphDB } from './db';
import { newestOf, newestOfEach, saveAsNextVersion } from './library-versions';

/** One version of a component kept in the library, with the components it uses inside. */
export interface LibraryComponent {
  id: string;
  version: number;
  name: string;
  description?: string;
  savedAt: number;
  /** The definition at this version. */
  definition: ComponentDef;
  /** The definitions it uses inside, at the versions it uses: what travels with it. */
  uses: ComponentDef[];
  /** A still it made, shown in the palette (kept from eviction while the library holds it). */
  thumbnail?: ArtifactRef;
}

/** What a version holds that a person would call a change (not its version number, nor where nodes stand). */
const contentOf = (def: ComponentDef) =>
  canonicalJSON({ ...def, version: 0, nodes: def.nodes.map(({ position: _, ...node }) => node) });
/** The component with the components it uses: a change to one inside is a change to it. */
const wholeContentOf = (def: ComponentDef, uses: readonly ComponentDef[]) => [def, ...uses].map(contentOf).join('\n');

/**
 * The components a person keeps to use again, in every graph: each save of a changed component
 * is a new version, and every version is kept, so an instance can stay on the one it was made
 * with until the person updates it.
 */
export class ComponentLibrary {
  constructor(private readonly db: ReelgraphDB) {}

  /**
   * Saves a component: the first save keeps its version; a later one, if anything in it changed,
   * becomes the next version. Returns the version in the library that holds it as it is.
   */
  async save(
    definition: ComponentDef,
    uses: readonly ComponentDef[],
    thumbnail?: ArtifactRef,
  ): Promise<LibraryComponent> {
    const rowAt = (version: number): LibraryComponent => ({
      id: definition.id,
      version,
      name: definition.name,
      ...(definition.description ? { description: definition.description } : {}),
      savedAt: Date.now(),
      definition: { ...definition, version },
      uses: [...uses],
      ...(thumbnail ? { thumbnail } : {}),
    });
    const content = (row: LibraryComponent) => wholeContentOf(row.definition, row.uses);
    return saveAsNextVersion(this.db, this.db.components, definition.id, definition.version, content, rowAt);
  }

  /** The newest version of a component, if the library holds it. */
  newest(id: string): Promise<LibraryComponent | undefined> {
    return newestOf(this.db.components, id);
  }

  /** One version of a component, if the library holds it. */
  at(id: string, version: number): Promise<LibraryComponent | undefined> {
    return this.db.components.get([id, version]);
  }

  /** The newest version of every component, by name. */
  async list(): Promise<LibraryComponent[]> {
    return (await newestOfEach(this.db.components)).sort((a, b) => a.name.localeCompare(b.name));
  }
}
