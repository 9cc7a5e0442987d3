import { AnimateView } from './animate/view';
import { AssembleView } from './assemble/view';
import { AudioView } from './audio/view';
import { CameraView } from './camera/view';
import type { NodeView } from './view-types';
import { PickView } from './pick/view';
import { PromptView } from './prompt/view';
import { StillView } from './still/view';

/** Each kind's view, by kind. Defined once at module scope (React Flow re-mounts on identity change). */
export const nodeViews: Record<string, NodeView<never>> = {
  prompt: PromptView as NodeView<never>,
  still: StillView as NodeView<never>,
  pick: PickView as NodeView<never>,
  camera: CameraView as NodeView<never>,
  animate: AnimateView as NodeView<never>,
  audio: AudioView as NodeView<never>,
  assemble: AssembleView as NodeView<never>,
};
