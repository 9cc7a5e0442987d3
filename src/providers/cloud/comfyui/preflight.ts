import { comboOptions, type ObjectInfo } from './protocol.ts';
import type { ComfyWorkflow } from './workflows.ts';

/**
 * What a server lacks to run a workflow, from its `/object_info`: node classes it does not have
 * (a custom node pack, or a ComfyUI too old), and choices it does not offer (a model file not in
 * its folder, a sampler it does not know). The inputs Reelgraph fills in are not judged (the still
 * is uploaded only once the server is chosen). Empty when the server has everything.
 */
export function missingFor(workflow: ComfyWorkflow, info: ObjectInfo): string[] {
  const filled = new Set(
    Object.values(workflow.inputs).flatMap((targets) => targets.map(([node, input]) => `${node}.${input}`)),
  );
  const missing = new Set<string>();
  for (const [id, node] of Object.entries(workflow.graph)) {
    const spec = info[node.class_type];
    if (!spec) {
      missing.add(`the node ${node.class_type} (update ComfyUI or install the node pack)`);
      continue;
    }
    const inputs = { ...spec.input.required, ...spec.input.optional };
    for (const [name, value] of Object.entries(node.inputs)) {
      if (typeof value !== 'string' || filled.has(`${id}.${name}`)) continue;
      const options = comboOptions(inputs[name]);
      if (!options || options.includes(value)) continue;
      const folder = Object.entries(workflow.files).find(([, files]) => files.includes(value))?.[0];
      missing.add(folder ? `${value} in models/${folder}` : `“${value}” for ${node.class_type}.${name}`);
    }
  }
  return [...missing];
}
