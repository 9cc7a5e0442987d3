import { ReactFlowProvider } from '@xyflow/react';
import { TimelinePanel } from '../timeline/TimelinePanel';
import { Canvas } from '../canvas/Canvas';
import { Inspector } from '../inspector/Inspector';
import { useGraphStore } from '../state/graph-store';
import { CompareView } from '../compare/CompareView';
import { AppView } from './AppView';
import { CostConfirm } from './CostConfirm';
import { LibraryPanel } from './LibraryPanel';
import { OpenSharedConfirm } from './OpenSharedConfirm';
import { ShortcutsSheet } from './ShortcutsSheet';
import { Palette } from './Palette';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { useShortcuts } from './use-shortcuts';

export function App() {
  useShortcuts();
  const ready = useGraphStore((state) => state.doc !== null);
  const libraryOpen = useGraphStore((state) => state.libraryOpen);
  const appView = useGraphStore((state) => state.appView);
  return (
    <ReactFlowProvider>
      <div className="app" data-ready={ready}>
        <Toolbar />
        {ready && appView ? (
          <AppView />
        ) : (
          <div className="workspace">
            <Palette />
            <div className="canvas-column">
              <main className="canvas">{ready ? <Canvas /> : <p className="hint">Opening your graphs…</p>}</main>
              {ready && <TimelinePanel />}
            </div>
            {libraryOpen ? <LibraryPanel /> : <Inspector />}
          </div>
        )}
        <StatusBar />
        <ShortcutsSheet />
        <CostConfirm />
        <OpenSharedConfirm />
        <CompareView />
      </div>
    </ReactFlowProvider>
  );
}
