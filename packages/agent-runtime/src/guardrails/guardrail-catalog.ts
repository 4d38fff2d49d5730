import type { JsonValue } from '@starter/contracts';
import { z } from 'zod';
import type { GuardrailStage } from './guardrail-config.js';
import { findGuardrailPreset, GUARDRAIL_PRESETS, type GuardrailPreset } from './guardrail-presets.js';
import type { GuardrailRegistry } from './guardrail-registry.js';
import type { AnyGuardrailSpec, GuardrailEngine } from './guardrail-spec.js';

/** `GET /guardrails` item (§1.13). */
export interface GuardrailCatalogItem {
  readonly key: string;
  readonly display_name: string;
  readonly description: string;
  readonly stage: GuardrailStage;
  readonly engine: GuardrailEngine;
  readonly uses_conversation_history: boolean;
  readonly supports_masking: boolean;
  readonly tripwire_on_error: boolean;
}

/** `GET /guardrails/{key}`: the summary plus the config JSON schema and defaults. */
export interface GuardrailCatalogDetail extends GuardrailCatalogItem {
  readonly config_schema: JsonValue;
  readonly default_config: JsonValue;
}

/** `GET /guardrails/presets` item. */
export interface PresetCatalogItem {
  readonly key: string;
  readonly display_name: string;
  readonly description: string;
  readonly scope: 'agent' | 'tool';
  readonly guardrail_keys: string[];
}

/** `GET /guardrails/presets/{key}`: members with their effective configs (defaults ⊕ preset). */
export interface PresetCatalogDetail extends PresetCatalogItem {
  readonly guardrails: { key: string; enabled: boolean; stage: GuardrailStage | null; config: JsonValue }[];
}

/** Summaries of every registered guardrail. */
export function guardrailCatalog(registry: GuardrailRegistry): GuardrailCatalogItem[] {
  return registry.list().map(summarize);
}

/** Detail of one guardrail, or undefined (the route answers 404). */
export function guardrailDetail(
  registry: GuardrailRegistry,
  key: string,
): GuardrailCatalogDetail | undefined {
  const spec = registry.get(key);
  if (!spec) return undefined;
  return {
    ...summarize(spec),
    // `input` shows what a config may leave out (fields with defaults are optional).
    config_schema: z.toJSONSchema(spec.configSchema, { io: 'input' }) as JsonValue,
    default_config: toJson(spec.defaultConfig),
  };
}

/** Summaries of the bundled presets. */
export function presetCatalog(): PresetCatalogItem[] {
  return GUARDRAIL_PRESETS.map(summarizePreset);
}

/** Detail of one preset with member configs, or undefined (the route answers 404). */
export function presetDetail(registry: GuardrailRegistry, key: string): PresetCatalogDetail | undefined {
  const preset = findGuardrailPreset(key);
  if (!preset) return undefined;
  return {
    ...summarizePreset(preset),
    guardrails: preset.members.map((member) => {
      const spec = registry.get(member.key);
      return {
        key: member.key,
        enabled: member.enabled,
        stage: spec?.stage ?? null,
        config: toJson(
          spec ? spec.configSchema.parse({ ...spec.defaultConfig, ...member.config }) : member.config,
        ),
      };
    }),
  };
}

function summarize(spec: AnyGuardrailSpec): GuardrailCatalogItem {
  return {
    key: spec.key,
    display_name: spec.displayName,
    description: spec.description,
    stage: spec.stage,
    engine: spec.engine,
    uses_conversation_history: spec.usesConversationHistory,
    supports_masking: spec.supportsMasking,
    tripwire_on_error: spec.tripwireOnError,
  };
}

function summarizePreset(preset: GuardrailPreset): PresetCatalogItem {
  return {
    key: preset.key,
    display_name: preset.displayName,
    description: preset.description,
    scope: preset.scope,
    guardrail_keys: preset.members.map((member) => member.key),
  };
}

function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}
