import { canonicalJSON, type ArtifactRef, type ComponentDef } from '../../graph-engine';
import type { ReelgraphDB } from './db';

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
    return this.db.transaction('rw', this.db.components, async () => {
      const newest = await this.newest(definition.id);
      if (newest && wholeContentOf(newest.definition, newest.uses) === wholeContentOf(definition, uses)) return newest;
      const version = newest ? newest.version + 1 : definition.version;
      const row: LibraryComponent = {
        id: definition.id,
        version,
        name: definition.name,
        ...(definition.description ? { description: definition.description } : {}),
        savedAt: Date.now(),
        definition: { ...definition, version },
        uses: [...uses],
        ...(thumbnail ? { thumbnail } : {}),
      };
      await this.db.components.put(row);
      return row;
    });
  }

  /** The newest version of a component, if the library holds it. */
  async newest(id: string): Promise<LibraryComponent | undefined> {
    const versions = await this.db.components.where('id').equals(id).toArray();
    return versions.sort((a, b) => b.version - a.version)[0];
  }

  /** The newest version of every component, by name. */
  async list(): Promise<LibraryComponent[]> {
    const newest = new Map<string, LibraryComponent>();
    await this.db.components.each((row) => {
      if ((newest.get(row.id)?.version ?? 0) < row.version) newest.set(row.id, row);
    });
    return [...newest.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
