import type { NodeView } from './view-types';
import { PickView } from './pick/view';
import { PromptView } from './prompt/view';
import { StillView } from './still/view';

/** Each kind's view, by kind. Defined once at module scope (React Flow re-mounts on identity change). */
export const nodeViews: Record<string, NodeView<never>> = {
  prompt: PromptView as NodeView<never>,
  still: StillView as NodeView<never>,
  pick: PickView as NodeView<never>,
};
