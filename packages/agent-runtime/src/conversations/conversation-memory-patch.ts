import { AppError, type JsonValue } from '@starter/contracts';
import { type MemoryStrategyConfig, memoryStrategyConfigSchema } from '../memory/memory-strategy-config.js';

/** A memory patch: a value sets a field, `null` clears it, an absent key leaves it unchanged. */
export type MemoryPatch = Partial<Record<keyof MemoryStrategyConfig, unknown>>;

/**
 * Applies a patch to the stored memory defaults and validates the result, so a bad value is a 422
 * before anything is written. Returns null when no field is left (the column then stays empty).
 */
export function applyMemoryPatch(
  current: MemoryStrategyConfig | null,
  patch: MemoryPatch,
): MemoryStrategyConfig | null {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  const parsed = memoryStrategyConfigSchema.safeParse(next);
  if (!parsed.success) {
    throw AppError.validation(
      parsed.error.issues.map((issue) => ({
        path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))),
        message: issue.message,
        code: issue.code,
      })),
      'Invalid conversation memory settings.',
    );
  }
  return Object.keys(parsed.data).length === 0 ? null : parsed.data;
}

/** The memory config as the JSON text of the `memory` column. */
export function memoryJson(memory: MemoryStrategyConfig | null): string | null {
  return memory === null ? null : JSON.stringify(memory as { [key: string]: JsonValue });
}
