import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createAutomation } from './automation';
import { bootstrap, refreshFromCache } from './state/actions';
import { flushSave, lastSaveFailed } from './state/autosave';
import { useGraphStore } from './state/graph-store';
import { readFromOutside } from './state/intake';
import { installSession } from './state/services';
import { createSession } from './state/session';
import { createServices } from './services';
import { ServicesContext } from './ui/services-context';
import {
  currentBudgets,
  loadServerConfig,
  loadSettings,
  serviceSettings,
  useSettingsStore,
} from './state/settings-store';
import { askIfNeeded, openShareLinkFromLocation } from './state/sharing';

// The services are built once, here, and handed down: to the state layer, and to views through context.
const services = createServices({
  ...serviceSettings,
  origin: () => {
    const { doc } = useGraphStore.getState();
    return doc ? { graphId: doc.id, graphName: doc.name } : undefined;
  },
});
// This page's session: its graphs, runs and place in the queue every tab shares.
const session = createSession({
  services,
  view: useGraphStore,
  settings: () => ({
    confirmAboveUsd: useSettingsStore.getState().settings.confirmAboveUsd,
    budgets: currentBudgets(),
  }),
  locks: globalThis.navigator?.locks,
  channel: typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('reelgraph.graphs'),
  page: globalThis,
  read: readFromOutside,
  marks: localStorage,
  drawn: () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  confirmOpen: (doc, problems) => askIfNeeded(doc, problems),
});
installSession(session);

// Show what the cache holds for the graph as edited (stale nodes lose their preview).
let refresh: ReturnType<typeof setTimeout> | undefined;
useGraphStore.subscribe((state, previous) => {
  if (state.running || !state.doc || !previous.doc || state.doc.id !== previous.doc.id) return;
  if (state.doc.nodes === previous.doc.nodes && state.doc.edges === previous.doc.edges) return;
  clearTimeout(refresh);
  refresh = setTimeout(() => void refreshFromCache(), 150);
});
window.addEventListener('pagehide', () => void flushSave());
// The last save failed (storage full): the browser asks before the page goes, so edits are not lost unseen.
window.addEventListener('beforeunload', (event) => {
  if (lastSaveFailed()) event.preventDefault();
});
// Renamed or added models change prices: the Run button's estimate follows.
useSettingsStore.subscribe((state, previous) => state.models !== previous.models && void refreshFromCache());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ServicesContext.Provider value={services}>
      <App />
    </ServicesContext.Provider>
  </StrictMode>,
);

void Promise.all([loadSettings(services.db), loadServerConfig()])
  .then(bootstrap)
  .then(() => {
    // Only now: a run the queue takes up must see the settings and the server's keys (or it would
    // fail for want of a key it has), and the graph it may show.
    // The CLI's page runs only the runs it asks for: one another render left is the person's to resume or drop.
    session.start({ ownOnly: new URLSearchParams(location.search).get('host') === 'cli' });
    window.reelgraph = createAutomation(services);
    // A link asks before it opens: the app (and its automation) does not wait for the answer.
    void openShareLinkFromLocation();
  })
  .catch((error: unknown) =>
    useGraphStore.setState({
      notice: { kind: 'error', message: `Reelgraph could not open its storage: ${String(error)}` },
    }),
  );
