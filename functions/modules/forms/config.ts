import { z } from 'zod';
import type { ModuleConfigSection } from '../../core/module.ts';
import type { FormAdoption } from './definition/types.ts';

/**
 * The forms section of a council file: the catalogue forms it adopts, each with its overrides.
 * (Placeholder shape; the adoption schema and its checks against the catalogue replace it.)
 */
export interface FormsConfig {
  adopted: Record<string, FormAdoption>;
}
export type FormsConfigInput = FormsConfig;

const formsConfigSchema = z.strictObject({
  adopted: z.record(z.string(), z.any()),
}) as unknown as z.ZodType<FormsConfig, unknown>;

export const formsConfigSection: ModuleConfigSection<FormsConfig> = { schema: formsConfigSchema };
