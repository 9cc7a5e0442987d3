import { AnimateView } from './animate/view';
import { AssembleView } from './assemble/view';
import { AudioView } from './audio/view';
import { CameraView } from './camera/view';
import { ClipView } from './clip/view';
import type { NodeKind } from './registry';
import type { NodeView } from './view-types';
import { PickView } from './pick/view';
import { PromptView } from './prompt/view';
import { StillView } from './still/view';

/**
 * Each kind's view, by kind: a kind without a view (or a view for no kind) fails to type-check.
 * Defined once at module scope (React Flow re-mounts on identity change).
 */
export const nodeViews = {
  prompt: PromptView as NodeView<never>,
  still: StillView as NodeView<never>,
  pick: PickView as NodeView<never>,
  camera: CameraView as NodeView<never>,
  animate: AnimateView as NodeView<never>,
  clip: ClipView as NodeView<never>,
  audio: AudioView as NodeView<never>,
  assemble: AssembleView as NodeView<never>,
} satisfies Record<NodeKind, NodeView<never>>;

/** The view of a kind by its name as stored (an unknown kind, kept from a newer app, has none). */
export function viewOf(kind: string): NodeView<never> | undefined {
  return (nodeViews as Record<string, NodeView<never>>)[kind];
}
