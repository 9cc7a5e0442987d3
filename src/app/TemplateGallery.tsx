import type { GraphDocument } from '../../graph-engine';
import { newGraph } from '../state/actions';
import { TEMPLATES } from '../templates/gallery';
import { Sheet } from '../ui/Sheet';

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

/** The template gallery: a thumbnail and a line each; opening one makes a new graph. */
export function TemplateGallery({ onClose }: { onClose(): void }) {
  return (
    <Sheet label="Templates" className="gallery" onClose={onClose} closeOnBackdrop>
      <h2>Templates</h2>
      <div className="template-grid">
        {TEMPLATES.map((template) => (
          <button
            key={template.id}
            type="button"
            className="template-card"
            aria-label={`Open template: ${template.title}`}
            onClick={() => {
              onClose();
              void newGraph(template.id);
            }}
          >
            <Thumbnail doc={template.build()} />
            <strong>{template.title}</strong>
            <span className="hint">{template.description}</span>
            <span className={`badge ${template.offline ? 'badge-local' : 'badge-cloud'}`}>
              {template.offline ? 'offline, no key' : 'cloud models: needs keys'}
            </span>
          </button>
        ))}
      </div>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </Sheet>
  );
}
