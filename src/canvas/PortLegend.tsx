import { Panel } from '@xyflow/react';
import { VALUE_TYPES } from '../../graph-engine';

/** What each port colour carries: a small chip that opens on demand, so it never covers nodes. */
export function PortLegend() {
  return (
    <Panel position="top-left" className="legend" aria-label="Port types">
      <details>
        <summary>Port colours</summary>
        <div className="legend-items">
          {VALUE_TYPES.map((type) => (
            <span key={type}>
              <i className={`handle type-${type}`} />
              {type === 'images' ? 'images (candidates)' : type === 'videos' ? 'videos (candidates)' : type}
            </span>
          ))}
        </div>
      </details>
    </Panel>
  );
}
