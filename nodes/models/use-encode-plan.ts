import { useEffect, useState } from 'react';
import type { PlanEncode } from '../view-types';

const CODEC_NAMES: Readonly<Record<string, string>> = { avc: 'H.264', vp9: 'VP9', av1: 'AV1' };

/**
 * What a clip of `size` will be made as, in words ("3840×2160 H.264", or what it will be instead and
 * why), once the browser has answered; undefined until then, or with no size known yet.
 */
export function useEncodePlan(
  planEncode: PlanEncode,
  size: { width: number; height: number } | undefined,
): { made: string; note?: string } | undefined {
  const [said, setSaid] = useState<{ key: string; made: string; note?: string }>();
  const width = size?.width;
  const height = size?.height;
  const key = width && height ? `${width}x${height}` : '';
  useEffect(() => {
    if (!width || !height) return;
    let current = true;
    planEncode(width, height).then(
      (plan) =>
        current &&
        setSaid({
          key: `${width}x${height}`,
          made: `${plan.width}×${plan.height} ${CODEC_NAMES[plan.codec] ?? plan.codec}`,
          note: plan.note,
        }),
      (error: unknown) =>
        current &&
        setSaid({
          key: `${width}x${height}`,
          made: 'nothing',
          note: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      current = false;
    };
  }, [width, height, planEncode]);
  return key && said?.key === key ? said : undefined;
}
