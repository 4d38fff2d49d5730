import { readFileSync } from 'node:fs';
import { AppError } from '@starter/contracts';
import { findAgentCycles, topologicalAgentOrder } from './agent-graph.js';
import { AgentRegistryError } from './agent-registry-error.js';
import type { AgentSpec } from './agent-spec-schema.js';
import { agentToolNameOf, handoffToolNameOf } from './agent-tool-names.js';
import { createPromptContextBuilder, type PromptContextBuilder } from './prompt-context.js';
import { createPromptTemplateEngine, type PromptTemplateEngine } from './prompt-template-engine.js';

/** Tools an agent may name although they are not registered: dropped with a warning (§3.1). */
export const DEFAULT_OPTIONAL_TOOL_KEYS: ReadonlySet<string> = new Set(['web_search']);

export interface AgentRegistryOptions {
  /** Keys of the registered tools. */
  readonly toolKeys: ReadonlySet<string>;
  /** Tool keys whose absence is a warning, not an error (default `web_search`). */
  readonly optionalToolKeys?: ReadonlySet<string> | undefined;
  /** Checks owned by other areas (tool configs, guardrails); returned strings are problems. */
  readonly validateAgent?: ((spec: AgentSpec) => readonly string[]) | undefined;
  /** Shared with the agent factory so parsed templates are cached once. */
  readonly promptEngine?: PromptTemplateEngine | undefined;
  /** Variables for the boot-time prompt render (default: built-in providers only). */
  readonly promptContext?: PromptContextBuilder | undefined;
  /** Reads a prompt file (default: UTF-8 from disk). */
  readonly readPrompt?: ((path: string) => string) | undefined;
}

/** The validated set of agents of one process. */
export interface AgentRegistry {
  readonly defaultKey: string;
  /** Keys ordered so targets come before the agents that hand off to or call them. */
  readonly buildOrder: readonly string[];
  /** Non-fatal findings, e.g. an optional tool that is not registered. */
  readonly warnings: readonly string[];
  readonly promptEngine: PromptTemplateEngine;
  has(key: string): boolean;
  /** The spec (with unregistered optional tools dropped); unknown key → `AppError('NotFound')`. */
  get(key: string): AgentSpec;
  /** All specs sorted by key. */
  list(): readonly AgentSpec[];
  /** The agent a request runs: the requested key when known, else the default (§1.11 `agent_type`). */
  resolveKey(requested?: string | null | undefined): string;
  /** The prompt template source of an agent (inline instructions or the prompt file's text). */
  promptSource(key: string): string;
}

/** Validates the specs as a whole and throws one `AgentRegistryError` listing every problem. */
export function createAgentRegistry(
  specs: readonly AgentSpec[],
  options: AgentRegistryOptions,
): AgentRegistry {
  const problems: string[] = [];
  const warnings: string[] = [];
  const optional = options.optionalToolKeys ?? DEFAULT_OPTIONAL_TOOL_KEYS;
  const engine = options.promptEngine ?? createPromptTemplateEngine();
  const promptContext = options.promptContext ?? createPromptContextBuilder();
  const readPrompt = options.readPrompt ?? ((path: string) => readFileSync(path, 'utf8'));

  const byKey = new Map<string, AgentSpec>();
  const displayNames = new Map<string, string>();
  for (const spec of specs) {
    if (byKey.has(spec.key)) {
      problems.push(`duplicate agent key '${spec.key}'`);
      continue;
    }
    const effective = dropMissingOptionalTools(spec, options.toolKeys, optional, warnings);
    byKey.set(spec.key, effective);
    const sameName = displayNames.get(spec.displayName);
    // The display name is the SDK agent name, which stream events report: it must map back to one key.
    if (sameName !== undefined) {
      problems.push(`agents '${sameName}' and '${spec.key}' share the display name '${spec.displayName}'`);
    } else displayNames.set(spec.displayName, spec.key);
  }
  if (byKey.size === 0) problems.push('no agents are defined');

  const edges = new Map<string, readonly string[]>();
  for (const spec of byKey.values()) {
    problems.push(...referenceProblems(spec, byKey, options.toolKeys, optional));
    problems.push(...toolNameProblems(spec, byKey));
    edges.set(
      spec.key,
      [...new Set([...spec.handoffKeys, ...spec.agentToolKeys])].filter((key) => byKey.has(key)),
    );
    for (const problem of options.validateAgent?.(spec) ?? [])
      problems.push(`agent '${spec.key}': ${problem}`);
  }
  for (const cycle of findAgentCycles(edges)) problems.push(`agent cycle: ${cycle.join(' → ')}`);

  const defaults = [...byKey.values()].filter((spec) => spec.default).map((spec) => spec.key);
  if (defaults.length > 1) problems.push(`more than one default agent: ${defaults.sort().join(', ')}`);
  const sortedKeys = [...byKey.keys()].sort();

  const prompts = new Map<string, string>();
  for (const spec of byKey.values()) {
    const source = loadPromptSource(spec, readPrompt, problems);
    if (source === undefined) continue;
    prompts.set(spec.key, source);
    try {
      engine.renderLenient(source, promptContext.buildBoot(spec));
    } catch (error) {
      problems.push(`agent '${spec.key}': prompt template error: ${messageOf(error)}`);
    }
  }

  if (problems.length > 0) throw new AgentRegistryError(problems);

  const defaultKey = defaults[0] ?? (sortedKeys[0] as string);
  const sorted = Object.freeze(sortedKeys.map((key) => byKey.get(key) as AgentSpec));
  const get = (key: string): AgentSpec => {
    const spec = byKey.get(key);
    if (spec === undefined) throw new AppError('NotFound', `Unknown agent '${key}'.`);
    return spec;
  };
  return {
    defaultKey,
    buildOrder: Object.freeze(topologicalAgentOrder(edges)),
    warnings: Object.freeze(warnings),
    promptEngine: engine,
    has: (key) => byKey.has(key),
    get,
    list: () => sorted,
    resolveKey: (requested) => (requested != null && byKey.has(requested) ? requested : defaultKey),
    promptSource: (key) => prompts.get(get(key).key) as string,
  };
}

function dropMissingOptionalTools(
  spec: AgentSpec,
  registered: ReadonlySet<string>,
  optional: ReadonlySet<string>,
  warnings: string[],
): AgentSpec {
  const dropped = spec.toolKeys.filter((key) => !registered.has(key) && optional.has(key));
  if (dropped.length === 0) return spec;
  for (const key of dropped)
    warnings.push(`agent '${spec.key}': optional tool '${key}' is not registered; dropped`);
  const toolKeys = Object.freeze(spec.toolKeys.filter((key) => !dropped.includes(key))) as string[];
  return Object.freeze({ ...spec, toolKeys });
}

function referenceProblems(
  spec: AgentSpec,
  byKey: ReadonlyMap<string, AgentSpec>,
  registeredTools: ReadonlySet<string>,
  optional: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const at = `agent '${spec.key}'`;
  for (const target of spec.handoffKeys) {
    if (!byKey.has(target)) problems.push(`${at}: unknown handoff target '${target}'`);
  }
  for (const target of spec.agentToolKeys) {
    if (!byKey.has(target)) problems.push(`${at}: unknown agent-tool target '${target}'`);
  }
  for (const key of spec.toolKeys) {
    if (!registeredTools.has(key) && !optional.has(key)) problems.push(`${at}: unknown tool '${key}'`);
  }
  for (const key of Object.keys(spec.handoffContext)) {
    if (!spec.handoffKeys.includes(key))
      problems.push(`${at}: handoffContext names '${key}', not in handoffKeys`);
  }
  for (const key of Object.keys(spec.handoffOverrides)) {
    if (!spec.handoffKeys.includes(key))
      problems.push(`${at}: handoffOverrides names '${key}', not in handoffKeys`);
  }
  for (const key of Object.keys(spec.agentToolOverrides)) {
    if (!spec.agentToolKeys.includes(key)) {
      problems.push(`${at}: agentToolOverrides names '${key}', not in agentToolKeys`);
    }
  }
  return problems;
}

/** The model sees tools, agent tools and transfer tools in one namespace: a name may appear once. */
function toolNameProblems(spec: AgentSpec, byKey: ReadonlyMap<string, AgentSpec>): string[] {
  const names = [
    ...spec.toolKeys.map((key) => ({ name: key, source: `tool '${key}'` })),
    ...spec.agentToolKeys.map((key) => ({ name: agentToolNameOf(spec, key), source: `agent tool '${key}'` })),
    ...spec.handoffKeys.flatMap((key) => {
      const target = byKey.get(key);
      return target === undefined
        ? []
        : [{ name: handoffToolNameOf(spec, target), source: `handoff '${key}'` }];
    }),
  ];
  const firstSource = new Map<string, string>();
  const problems: string[] = [];
  for (const { name, source } of names) {
    const earlier = firstSource.get(name);
    if (earlier === undefined) firstSource.set(name, source);
    else problems.push(`agent '${spec.key}': duplicate tool name '${name}' (${earlier} and ${source})`);
  }
  return problems;
}

function loadPromptSource(
  spec: AgentSpec,
  readPrompt: (path: string) => string,
  problems: string[],
): string | undefined {
  if (spec.instructions !== undefined) return spec.instructions;
  if (spec.promptPath === undefined) return undefined;
  try {
    return readPrompt(spec.promptPath);
  } catch (error) {
    problems.push(`agent '${spec.key}': cannot read prompt file ${spec.promptPath}: ${messageOf(error)}`);
    return undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
