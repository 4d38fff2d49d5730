import type { AgentSpec } from './agent-spec-schema.js';

/** The model every agent without a pinned model or a configured model key runs on (§3.3). */
export const DEFAULT_AGENT_MODEL = 'gpt-5.1';

/** Model settings of §3.3: `AGENT_MODEL_DEFAULT` and `AGENT_MODEL_<KEY>` (keys lower-case). */
export interface AgentModelSettings {
  readonly defaultModel?: string | undefined;
  readonly modelsByKey?: Readonly<Record<string, string | undefined>> | undefined;
}

/** The model name an agent runs on: pinned model, else its model key's setting, else the default. */
export function resolveAgentModel(
  spec: Pick<AgentSpec, 'model' | 'modelKey'>,
  settings: AgentModelSettings = {},
): string {
  if (spec.model !== undefined) return spec.model;
  if (spec.modelKey !== undefined) {
    const byKey = nonEmpty(settings.modelsByKey?.[spec.modelKey.toLowerCase()]);
    if (byKey !== undefined) return byKey;
  }
  return nonEmpty(settings.defaultModel) ?? DEFAULT_AGENT_MODEL;
}

/** Reads `AGENT_MODEL_DEFAULT` and `AGENT_MODEL_<KEY>` (any case) from an environment record passed in. */
export function agentModelSettingsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): AgentModelSettings {
  const prefix = 'AGENT_MODEL_';
  let defaultModel: string | undefined;
  const modelsByKey: Record<string, string> = {};
  for (const [name, raw] of Object.entries(env)) {
    const upper = name.toUpperCase();
    const value = nonEmpty(raw);
    if (!upper.startsWith(prefix) || value === undefined) continue;
    const key = upper.slice(prefix.length).toLowerCase();
    if (key === '') continue;
    if (key === 'default') defaultModel = value;
    else modelsByKey[key] = value;
  }
  return defaultModel === undefined ? { modelsByKey } : { defaultModel, modelsByKey };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
