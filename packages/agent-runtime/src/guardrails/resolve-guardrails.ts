import { AppError, type ValidationIssue } from '@starter/contracts';
import { type AgentGuardrailConfig, agentGuardrailConfigSchema } from './guardrail-config.js';
import { findGuardrailPreset } from './guardrail-presets.js';
import type { GuardrailRegistry } from './guardrail-registry.js';
import type { AnyGuardrailSpec } from './guardrail-spec.js';

/** A guardrail ready to run: its spec and the validated config (defaults ⊕ preset ⊕ override). */
export interface ResolvedGuardrail {
  readonly key: string;
  readonly spec: AnyGuardrailSpec;
  readonly config: Readonly<Record<string, unknown>>;
  /** `preset` when only a preset brought it in; `explicit` when keys or entries named it. */
  readonly source: 'preset' | 'explicit';
}

/** The outcome of resolution without throwing: what resolved, and zod-style problems. */
export interface GuardrailResolution {
  readonly resolved: readonly ResolvedGuardrail[];
  readonly issues: readonly ValidationIssue[];
}

interface Pending {
  config: Record<string, unknown>;
  enabled: boolean;
  source: 'preset' | 'explicit';
}

/** Resolves a config and collects every problem (unknown preset or key, invalid config) instead of throwing. */
export function resolveGuardrailsSafe(
  input: AgentGuardrailConfig | undefined,
  registry: GuardrailRegistry,
): GuardrailResolution {
  const issues: ValidationIssue[] = [];
  const parsed = agentGuardrailConfigSchema.safeParse(input ?? {});
  if (!parsed.success) {
    return {
      resolved: [],
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
        message: issue.message,
        code: issue.code,
      })),
    };
  }
  const config = parsed.data;
  // Insertion order is the run order: preset members first, then newly named keys.
  const pending = new Map<string, Pending>();
  if (config.preset !== undefined) {
    const preset = findGuardrailPreset(config.preset);
    if (!preset) {
      issues.push({
        path: ['preset'],
        message: `Unknown guardrail preset "${config.preset}".`,
        code: 'unknown_preset',
      });
    } else {
      for (const member of preset.members) {
        pending.set(member.key, { config: { ...member.config }, enabled: member.enabled, source: 'preset' });
      }
    }
  }
  for (const key of config.keys) {
    const current = pending.get(key);
    pending.set(key, { config: current?.config ?? {}, enabled: true, source: 'explicit' });
  }
  for (const entry of config.guardrails) {
    const current = pending.get(entry.key);
    pending.set(entry.key, {
      config: { ...(current?.config ?? {}), ...entry.config },
      enabled: entry.enabled,
      source: 'explicit',
    });
  }

  const resolved: ResolvedGuardrail[] = [];
  for (const [key, item] of pending) {
    if (!item.enabled) continue;
    const spec = registry.get(key);
    if (!spec) {
      issues.push({
        path: ['guardrails', key],
        message: `Unknown guardrail "${key}".`,
        code: 'unknown_guardrail',
      });
      continue;
    }
    const result = spec.configSchema.safeParse({ ...spec.defaultConfig, ...item.config });
    if (!result.success) {
      for (const issue of result.error.issues) {
        const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
        issues.push({
          path: ['guardrails', key, 'config', ...path],
          message: `Invalid config for guardrail "${key}"${path.length ? ` at ${path.join('.')}` : ''}: ${issue.message}`,
          code: issue.code,
        });
      }
      continue;
    }
    resolved.push({ key, spec, config: result.data, source: item.source });
  }
  return { resolved, issues };
}

/** Preset first, then explicit keys and entries override; disabled entries drop (§5.1). Throws a 422 on problems. */
export function resolveGuardrails(
  config: AgentGuardrailConfig | undefined,
  registry: GuardrailRegistry,
): ResolvedGuardrail[] {
  const { resolved, issues } = resolveGuardrailsSafe(config, registry);
  if (issues.length > 0)
    throw AppError.validation([...issues], issues.map((issue) => issue.message).join(' '));
  return [...resolved];
}
