import { canonicalJSON, type ArtifactRef, type GraphDocument } from '../../graph-engine';
import type { ReelgraphDB } from './db';
import { newestOf, newestOfEach, saveAsNextVersion } from './library-versions';

/** One version of a whole graph kept in the library as a template to start new graphs from. */
export interface LibraryTemplate {
  /** The graph it was saved from and its name: saving that graph again under that name makes its next version. */
  id: string;
  version: number;
  name: string;
  description?: string;
  savedAt: number;
  /** The graph at this version, with the components it uses. */
  doc: GraphDocument;
  /** A still it made, shown in the gallery (kept from eviction while the library holds it). */
  thumbnail?: ArtifactRef;
}

/** What a version holds that a person would call a change: not when it was saved, where it was viewed, nor where nodes stand. */
const contentOf = ({ name, description, doc }: LibraryTemplate) =>
  canonicalJSON({
    name,
    description: description ?? '',
    nodes: doc.nodes.map(({ position: _, ...node }) => node),
    edges: doc.edges,
    groups: doc.groups ?? [],
    components: doc.components ?? [],
    app: doc.app ?? null,
  });

/** The graphs a person keeps as templates: each save of a changed graph is a new version; every version is kept. */
export class TemplateLibrary {
  constructor(private readonly db: ReelgraphDB) {}

  /** Keeps a graph as a template: its next version when anything in it changed since the newest. */
  save(
    doc: GraphDocument,
    about: { name: string; description?: string; thumbnail?: ArtifactRef },
  ): Promise<LibraryTemplate> {
    // Under another name it is another template: "Portrait" saved again as "Landscape" keeps both.
    const id = `${doc.id}:${about.name.trim().toLowerCase()}`;
    const rowAt = (version: number): LibraryTemplate => ({
      id,
      version,
      name: about.name,
      ...(about.description ? { description: about.description } : {}),
      savedAt: Date.now(),
      doc,
      ...(about.thumbnail ? { thumbnail: about.thumbnail } : {}),
    });
    return saveAsNextVersion(this.db, this.db.templates, id, 1, contentOf, rowAt);
  }

  /** The newest version of a template, if the library holds it. */
  newest(id: string): Promise<LibraryTemplate | undefined> {
    return newestOf(this.db.templates, id);
  }

  /** One version of a template, if the library holds it. */
  at(id: string, version: number): Promise<LibraryTemplate | undefined> {
    return this.db.templates.get([id, version]);
  }

  /** The newest version of every template, by name. */
  async list(): Promise<LibraryTemplate[]> {
    return (await newestOfEach(this.db.templates)).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Takes a template out of the library, every version of it. Returns how many versions went. */
  remove(id: string): Promise<number> {
    return this.db.templates.where('id').equals(id).delete();
  }
}
