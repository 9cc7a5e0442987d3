import { z } from 'zod';

export const zPromptParams = z.object({
  /** The prompt; `{name}` placeholders are filled from `variables`. */
  text: z.string().max(20_000).default(''),
  variables: z
    .record(z.string().regex(/^\w+$/, 'variable names are letters, digits and _'), z.string().max(2_000))
    .default({}),
});
export type PromptParams = z.infer<typeof zPromptParams>;

/** Fills `{name}` placeholders; unknown names are left as written so a typo stays visible. */
export function fillVariables(text: string, variables: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(variables, name) ? variables[name] : whole,
  );
}
