/**
 * The built-in ComfyUI workflows, as data: each is an API-format graph (node id → class_type and
 * inputs, a link being `[node id, output index]`), as ComfyUI's own templates ship them, plus where
 * each of our inputs goes in it and the steps its sizes and lengths must fall on.
 */

/** An API-format workflow: what `POST /prompt` takes as `prompt`. */
export type ApiWorkflow = Record<string, { class_type: string; inputs: Record<string, unknown>; _meta?: unknown }>;

/** What Reelgraph fills in; each names the node inputs it is written to. */
export type WorkflowInput = 'still' | 'prompt' | 'negative' | 'seed' | 'width' | 'height' | 'length' | 'fps';

export interface ComfyWorkflow {
  /** The catalog's `upstream` for a model run by this workflow. */
  id: string;
  graph: ApiWorkflow;
  inputs: Readonly<Partial<Record<WorkflowInput, readonly (readonly [node: string, input: string])[]>>>;
  /** The frame rate it is made for. */
  fps: number;
  /** Width and height are multiples of this. */
  sizeStep: number;
  /** Frame counts are `lengthStep × k + 1`. */
  lengthStep: number;
  /** The size it is made for, and so the pixels it is fitted to, at each resolution it offers. */
  pixels: Readonly<Record<string, number>>;
  /** The model files it needs, by ComfyUI's model folder, for the README and for the node's error. */
  files: Readonly<Record<string, readonly string[]>>;
}

const NEGATIVE =
  'blurry, low quality, jpeg artifacts, static, still frame, overexposed, washed out, deformed, extra limbs, watermark, subtitles, text';

const link = (node: string, output = 0) => [node, output];

/** Core nodes that end every workflow: frames to a video, saved as MP4 (listed under `images`, `animated`). */
function saveVideo(images: string, fps: number): ApiWorkflow {
  return {
    '90': { class_type: 'CreateVideo', inputs: { fps, images: link(images) } },
    '91': {
      class_type: 'SaveVideo',
      // `format` is a dynamic combo on current servers, its codec the nested `format.codec`
      // (required there; a plain `codec` is kept, hidden, for old prompts): both are sent.
      inputs: {
        filename_prefix: 'video/Reelgraph',
        format: 'auto',
        'format.codec': 'auto',
        codec: 'auto',
        video: link('90'),
      },
    },
  };
}

/** Wan 2.2 TI2V-5B (fits 8 GB): ComfyUI's video_wan2_2_5B_ti2v template. */
const WAN_5B: ComfyWorkflow = {
  id: 'wan2.2-ti2v-5b',
  fps: 24,
  sizeStep: 32,
  lengthStep: 4,
  pixels: { '720p': 1280 * 704 },
  files: {
    diffusion_models: ['wan2.2_ti2v_5B_fp16.safetensors'],
    text_encoders: ['umt5_xxl_fp8_e4m3fn_scaled.safetensors'],
    vae: ['wan2.2_vae.safetensors'],
  },
  graph: {
    '37': {
      class_type: 'UNETLoader',
      inputs: { unet_name: 'wan2.2_ti2v_5B_fp16.safetensors', weight_dtype: 'default' },
    },
    '38': {
      class_type: 'CLIPLoader',
      inputs: { clip_name: 'umt5_xxl_fp8_e4m3fn_scaled.safetensors', type: 'wan', device: 'default' },
    },
    '39': { class_type: 'VAELoader', inputs: { vae_name: 'wan2.2_vae.safetensors' } },
    '48': { class_type: 'ModelSamplingSD3', inputs: { shift: 8, model: link('37') } },
    '6': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: link('38') } },
    '7': { class_type: 'CLIPTextEncode', inputs: { text: NEGATIVE, clip: link('38') } },
    '56': { class_type: 'LoadImage', inputs: { image: '' } },
    '55': {
      class_type: 'Wan22ImageToVideoLatent',
      inputs: { width: 1280, height: 704, length: 121, batch_size: 1, vae: link('39'), start_image: link('56') },
    },
    '3': {
      class_type: 'KSampler',
      inputs: {
        seed: 0,
        steps: 20,
        cfg: 5,
        sampler_name: 'uni_pc',
        scheduler: 'simple',
        denoise: 1,
        model: link('48'),
        positive: link('6'),
        negative: link('7'),
        latent_image: link('55'),
      },
    },
    '8': { class_type: 'VAEDecode', inputs: { samples: link('3'), vae: link('39') } },
    ...saveVideo('8', 24),
  },
  inputs: {
    still: [['56', 'image']],
    prompt: [['6', 'text']],
    negative: [['7', 'text']],
    seed: [['3', 'seed']],
    width: [['55', 'width']],
    height: [['55', 'height']],
    length: [['55', 'length']],
    fps: [['90', 'fps']],
  },
};

/** Wan 2.2 I2V-A14B: two experts (high noise, then low), ComfyUI's video_wan2_2_14B_i2v template. */
function wan14b(turbo: boolean): ComfyWorkflow {
  const steps = turbo ? 4 : 20;
  const cfg = turbo ? 1 : 3.5;
  const split = turbo ? 2 : 10;
  const expert = (id: string, file: string, lora: string) => ({
    [id]: { class_type: 'UNETLoader', inputs: { unet_name: file, weight_dtype: 'default' } },
    ...(turbo
      ? {
          [`${id}1`]: {
            class_type: 'LoraLoaderModelOnly',
            inputs: { lora_name: lora, strength_model: 1, model: link(id) },
          },
        }
      : {}),
  });
  const sampler = (from: string) => link(turbo ? `${from}1` : from);
  return {
    id: turbo ? 'wan2.2-i2v-a14b-4step' : 'wan2.2-i2v-a14b',
    fps: 16,
    sizeStep: 16,
    lengthStep: 4,
    pixels: { '480p': 832 * 480, '720p': 1280 * 720 },
    files: {
      diffusion_models: [
        'wan2.2_i2v_high_noise_14B_fp8_scaled.safetensors',
        'wan2.2_i2v_low_noise_14B_fp8_scaled.safetensors',
      ],
      ...(turbo
        ? {
            loras: [
              'wan2.2_i2v_lightx2v_4steps_lora_v1_high_noise.safetensors',
              'wan2.2_i2v_lightx2v_4steps_lora_v1_low_noise.safetensors',
            ],
          }
        : {}),
      text_encoders: ['umt5_xxl_fp8_e4m3fn_scaled.safetensors'],
      vae: ['wan_2.1_vae.safetensors'],
    },
    graph: {
      ...expert(
        '37',
        'wan2.2_i2v_high_noise_14B_fp8_scaled.safetensors',
        'wan2.2_i2v_lightx2v_4steps_lora_v1_high_noise.safetensors',
      ),
      ...expert(
        '56',
        'wan2.2_i2v_low_noise_14B_fp8_scaled.safetensors',
        'wan2.2_i2v_lightx2v_4steps_lora_v1_low_noise.safetensors',
      ),
      '38': {
        class_type: 'CLIPLoader',
        inputs: { clip_name: 'umt5_xxl_fp8_e4m3fn_scaled.safetensors', type: 'wan', device: 'default' },
      },
      '39': { class_type: 'VAELoader', inputs: { vae_name: 'wan_2.1_vae.safetensors' } },
      '54': { class_type: 'ModelSamplingSD3', inputs: { shift: 5, model: sampler('37') } },
      '55': { class_type: 'ModelSamplingSD3', inputs: { shift: 5, model: sampler('56') } },
      '6': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: link('38') } },
      '7': { class_type: 'CLIPTextEncode', inputs: { text: NEGATIVE, clip: link('38') } },
      '52': { class_type: 'LoadImage', inputs: { image: '' } },
      '50': {
        class_type: 'WanImageToVideo',
        inputs: {
          width: 832,
          height: 480,
          length: 81,
          batch_size: 1,
          positive: link('6'),
          negative: link('7'),
          vae: link('39'),
          start_image: link('52'),
        },
      },
      '57': {
        class_type: 'KSamplerAdvanced',
        inputs: {
          add_noise: 'enable',
          noise_seed: 0,
          steps,
          cfg,
          sampler_name: 'euler',
          scheduler: 'simple',
          start_at_step: 0,
          end_at_step: split,
          return_with_leftover_noise: 'enable',
          model: link('54'),
          positive: link('50', 0),
          negative: link('50', 1),
          latent_image: link('50', 2),
        },
      },
      '58': {
        class_type: 'KSamplerAdvanced',
        inputs: {
          add_noise: 'disable',
          noise_seed: 0,
          steps,
          cfg,
          sampler_name: 'euler',
          scheduler: 'simple',
          start_at_step: split,
          end_at_step: 10000,
          return_with_leftover_noise: 'disable',
          model: link('55'),
          positive: link('50', 0),
          negative: link('50', 1),
          latent_image: link('57'),
        },
      },
      '8': { class_type: 'VAEDecode', inputs: { samples: link('58'), vae: link('39') } },
      ...saveVideo('8', 16),
    },
    inputs: {
      still: [['52', 'image']],
      prompt: [['6', 'text']],
      negative: [['7', 'text']],
      seed: [['57', 'noise_seed']],
      width: [['50', 'width']],
      height: [['50', 'height']],
      length: [['50', 'length']],
      fps: [['90', 'fps']],
    },
  };
}

/** LTX-Video 0.9.5 image-to-video: ComfyUI's ltxv_image_to_video template. */
const LTXV: ComfyWorkflow = {
  id: 'ltxv-0.9.5-i2v',
  fps: 24,
  sizeStep: 32,
  lengthStep: 8,
  pixels: { '480p': 768 * 512, '720p': 1216 * 704 },
  files: { checkpoints: ['ltx-video-2b-v0.9.5.safetensors'], text_encoders: ['t5xxl_fp16.safetensors'] },
  graph: {
    '44': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'ltx-video-2b-v0.9.5.safetensors' } },
    '38': {
      class_type: 'CLIPLoader',
      inputs: { clip_name: 't5xxl_fp16.safetensors', type: 'ltxv', device: 'default' },
    },
    '6': { class_type: 'CLIPTextEncode', inputs: { text: '', clip: link('38') } },
    '7': { class_type: 'CLIPTextEncode', inputs: { text: NEGATIVE, clip: link('38') } },
    '78': { class_type: 'LoadImage', inputs: { image: '' } },
    '77': {
      class_type: 'LTXVImgToVideo',
      inputs: {
        width: 768,
        height: 512,
        length: 97,
        batch_size: 1,
        strength: 0.15,
        positive: link('6'),
        negative: link('7'),
        vae: link('44', 2),
        image: link('78'),
      },
    },
    '69': {
      class_type: 'LTXVConditioning',
      inputs: { frame_rate: 24, positive: link('77', 0), negative: link('77', 1) },
    },
    '71': {
      class_type: 'LTXVScheduler',
      inputs: { steps: 30, max_shift: 2.05, base_shift: 0.95, stretch: true, terminal: 0.1, latent: link('77', 2) },
    },
    '73': { class_type: 'KSamplerSelect', inputs: { sampler_name: 'euler' } },
    '72': {
      class_type: 'SamplerCustom',
      inputs: {
        add_noise: true,
        noise_seed: 0,
        cfg: 3,
        model: link('44'),
        positive: link('69', 0),
        negative: link('69', 1),
        sampler: link('73'),
        sigmas: link('71'),
        latent_image: link('77', 2),
      },
    },
    '8': { class_type: 'VAEDecode', inputs: { samples: link('72'), vae: link('44', 2) } },
    ...saveVideo('8', 24),
  },
  inputs: {
    still: [['78', 'image']],
    prompt: [['6', 'text']],
    negative: [['7', 'text']],
    seed: [['72', 'noise_seed']],
    width: [['77', 'width']],
    height: [['77', 'height']],
    length: [['77', 'length']],
    fps: [
      ['69', 'frame_rate'],
      ['90', 'fps'],
    ],
  },
};

export const WORKFLOWS: readonly ComfyWorkflow[] = [WAN_5B, wan14b(true), wan14b(false), LTXV];

export function workflowNamed(id: string): ComfyWorkflow | undefined {
  return WORKFLOWS.find((workflow) => workflow.id === id);
}

/**
 * The frame size for a still's aspect: about the workflow's pixel count at that resolution, each
 * side a multiple of its step (Wan's latent is 16 or 32 px a cell, LTX's 32).
 */
export function frameSize(
  workflow: ComfyWorkflow,
  resolution: string,
  aspect: number,
): { width: number; height: number } {
  const pixels = workflow.pixels[resolution] ?? Object.values(workflow.pixels)[0];
  const step = workflow.sizeStep;
  // At least two steps a side: LTX's nodes refuse under 64 px, and no model makes a useful clip smaller.
  const snap = (value: number) => Math.max(2 * step, Math.round(value / step) * step);
  return { width: snap(Math.sqrt(pixels * aspect)), height: snap(Math.sqrt(pixels / aspect)) };
}

/** Frames for a duration: `lengthStep × k + 1`, the nearest to fps × seconds + 1, at least one step. */
export function frameCount(workflow: ComfyWorkflow, seconds: number): number {
  const steps = Math.max(1, Math.round((workflow.fps * seconds) / workflow.lengthStep));
  return steps * workflow.lengthStep + 1;
}

/** The workflow with our values written where its input map says; the template is never changed. */
export function fillWorkflow(
  workflow: ComfyWorkflow,
  values: Readonly<Partial<Record<WorkflowInput, string | number>>>,
): ApiWorkflow {
  const graph: ApiWorkflow = structuredClone(workflow.graph);
  for (const [name, targets] of Object.entries(workflow.inputs) as [WorkflowInput, [string, string][]][]) {
    const value = values[name];
    if (value === undefined) continue;
    for (const [node, input] of targets) graph[node].inputs[input] = value;
  }
  return graph;
}
