import { useEffect, useState } from 'react';
import { appInputsOf, type GraphDocument } from '../../graph-engine';
import { newGraph, notify } from '../state/actions';
import { useGraphStore } from '../state/graph-store';
import { modelsNamed } from '../state/open-preflight';
import {
  openTemplate,
  refreshTemplateLibrary,
  removeTemplate,
  saveGraphAsTemplate,
  useTemplateLibrary,
} from '../state/template-library';
import type { LibraryTemplate } from '../storage/template-library';
import { TEMPLATES, type Template } from '../templates/gallery';
import { useArtifactUrl } from '../ui/Media';
import { Sheet } from '../ui/Sheet';
import { ItemNeeds } from './ItemNeeds';

/** A thumbnail drawn from the template itself: its nodes where they sit, its wires between them. */
function Thumbnail({ doc }: { doc: GraphDocument }) {
  if (doc.nodes.length === 0) return <svg className="template-thumb" viewBox="0 0 160 90" aria-hidden="true" />;
  const xs = doc.nodes.map((node) => node.position.x);
  const ys = doc.nodes.map((node) => node.position.y);
  const [minX, minY] = [Math.min(...xs), Math.min(...ys)];
  const width = Math.max(...xs) - minX + 240;
  const height = Math.max(...ys) - minY + 160;
  const at = new Map(doc.nodes.map((node) => [node.id, { x: node.position.x - minX, y: node.position.y - minY }]));
  return (
    <svg
      className="template-thumb"
      viewBox={`-20 -20 ${width + 40} ${height + 40}`}
      aria-hidden="true"
      preserveAspectRatio="xMidYMid meet"
    >
      {doc.edges.map((edge) => {
        const from = at.get(edge.from.node);
        const to = at.get(edge.to.node);
        return from && to ? (
          <line
            key={edge.id}
            x1={from.x + 200}
            y1={from.y + 40}
            x2={to.x}
            y2={to.y + 40}
            stroke="#555a70"
            strokeWidth={8}
          />
        ) : null;
      })}
      {doc.nodes.map((node) => (
        <rect
          key={node.id}
          x={at.get(node.id)!.x}
          y={at.get(node.id)!.y}
          width={200}
          height={110}
          rx={14}
          data-kind={node.kind}
          className="kind-fill"
        />
      ))}
    </svg>
  );
}

/** A built-in template's card: open it as a graph, or (when it shows inputs) straight as its app. */
function BuiltInCard({ template, onClose }: { template: Template; onClose(): void }) {
  const doc = template.build();
  const open = (asApp: boolean) => {
    onClose();
    void newGraph(template.id, { asApp });
  };
  return (
    <div className="template-item">
      <button
        type="button"
        className="template-card"
        aria-label={`Open template: ${template.title}`}
        onClick={() => open(false)}
      >
        <Thumbnail doc={doc} />
        <strong>{template.title}</strong>
        <span className="hint">{template.description}</span>
        <span className={`badge ${template.offline ? 'badge-local' : 'badge-cloud'}`}>
          {template.offline ? 'offline, no key' : 'cloud models: needs keys'}
        </span>
      </button>
      {appInputsOf(doc).length > 0 && (
        <div className="template-actions">
          <button type="button" onClick={() => open(true)} aria-label={`Open as app: ${template.title}`}>
            Open as app
          </button>
        </div>
      )}
    </div>
  );
}

/** A template of the person's own, from the library: its picture, version and needs; open, open as app, remove. */
function LibraryCard({ row, onClose }: { row: LibraryTemplate; onClose(): void }) {
  const url = useArtifactUrl(row.thumbnail);
  const open = (asApp: boolean) => {
    onClose();
    void openTemplate(row, { asApp });
  };
  return (
    <div className="template-item">
      <button
        type="button"
        className="template-card template-own"
        aria-label={`Open template: ${row.name}`}
        onClick={() => open(false)}
      >
        {url ? <img className="template-thumb" src={url} alt="" /> : <Thumbnail doc={row.doc} />}
        <strong>{row.name}</strong>
        <span className="hint">
          Your template, version {row.version}, saved {new Date(row.savedAt).toLocaleDateString()}
          {row.description ? `: ${row.description}` : ''}
        </span>
        <ItemNeeds models={modelsNamed(row.doc)} />
      </button>
      <div className="template-actions">
        {appInputsOf(row.doc).length > 0 && (
          <button type="button" onClick={() => open(true)} aria-label={`Open as app: ${row.name}`}>
            Open as app
          </button>
        )}
        <button
          type="button"
          className="danger-text"
          aria-label={`Remove from library: ${row.name}`}
          onClick={() =>
            window.confirm(
              `Remove the template “${row.name}” from your library? Graphs made from it stay as they are.`,
            ) && void removeTemplate(row)
          }
        >
          Remove
        </button>
      </div>
    </div>
  );
}

/** Keeps the open graph in the library as a template: a name and what it is for. */
function SaveAsTemplate() {
  const doc = useGraphStore((state) => state.doc);
  const [name, setName] = useState(doc?.name ?? '');
  const [description, setDescription] = useState(doc?.app?.description ?? '');
  if (!doc) return null;
  return (
    <form
      className="template-save"
      onSubmit={(event) => {
        event.preventDefault();
        void saveGraphAsTemplate({ name, description }).catch((error: unknown) =>
          notify('error', `The template was not saved: ${String(error)}`),
        );
      }}
    >
      <input
        aria-label="Template name"
        placeholder={doc.name || 'Template name'}
        value={name}
        maxLength={200}
        onChange={(event) => setName(event.target.value)}
      />
      <input
        aria-label="What the template is for"
        placeholder="What it is for (optional)"
        value={description}
        maxLength={500}
        onChange={(event) => setDescription(event.target.value)}
      />
      <button type="submit" className="primary">
        Save this graph as a template
      </button>
    </form>
  );
}

/**
 * The template gallery: the built-in templates, and the person's own from the library (the open graph
 * saved as one here); opening one makes a new graph, or opens its app when it shows inputs.
 */
export function TemplateGallery({ onClose }: { onClose(): void }) {
  const own = useTemplateLibrary((state) => state.newest);
  useEffect(() => {
    refreshTemplateLibrary().catch((error: unknown) =>
      notify('error', `Your templates could not be read: ${String(error)}`),
    );
  }, []);
  return (
    <Sheet label="Templates" className="gallery" onClose={onClose} closeOnBackdrop>
      <h2>Templates</h2>
      <h3>Your templates</h3>
      <SaveAsTemplate />
      {own.length === 0 ? (
        <p className="hint">None yet: save a graph you will start from again, and it is kept here with its versions.</p>
      ) : (
        <div className="template-grid">
          {own.map((row) => (
            <LibraryCard key={row.id} row={row} onClose={onClose} />
          ))}
        </div>
      )}
      <h3>Built in</h3>
      <div className="template-grid">
        {TEMPLATES.map((template) => (
          <BuiltInCard key={template.id} template={template} onClose={onClose} />
        ))}
      </div>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </Sheet>
  );
}
