import { AppError } from '@starter/contracts';
import type { AgentRunContext } from '../runtime/run-context.js';
import type { AgentSpec } from './agent-spec-schema.js';
import { datetimePromptProvider } from './datetime-provider.js';
import { isPlainObject } from './deep-freeze.js';
import type { PromptContext } from './prompt-template-engine.js';

/** What a provider sees; `runContext` is absent for the boot-time render. */
export interface PromptProviderInput {
  readonly spec: AgentSpec;
  readonly runContext?: AgentRunContext | undefined;
  readonly now: Date;
}

/** A global prompt variable: its value is computed per render under `name`. */
export interface PromptContextProvider {
  readonly name: string;
  provide(input: PromptProviderInput): unknown;
}

/** Builds the variables of an agent's prompt (§3.4). */
export interface PromptContextBuilder {
  /** Per-request variables: run context, spec prompt defaults, then providers. */
  build(spec: AgentSpec, runContext: AgentRunContext): PromptContext;
  /** Boot-time variables: no run context, so user/tenant/run values are absent. */
  buildBoot(spec: AgentSpec): PromptContext;
}

export interface PromptContextBuilderOptions {
  /** Extra global providers; the built-in `datetime` provider is always registered. */
  readonly providers?: readonly PromptContextProvider[] | undefined;
  readonly clock?: (() => Date) | undefined;
}

/** Creates the prompt variable builder with the built-in `datetime` provider and any extra providers. */
export function createPromptContextBuilder(options: PromptContextBuilderOptions = {}): PromptContextBuilder {
  const providers = [datetimePromptProvider, ...(options.providers ?? [])];
  const seen = new Set<string>();
  for (const provider of providers) {
    if (seen.has(provider.name)) {
      throw new AppError('InternalServerError', `Prompt provider '${provider.name}' is registered twice.`);
    }
    seen.add(provider.name);
  }
  const clock = options.clock ?? (() => new Date());

  function assemble(spec: AgentSpec, runContext: AgentRunContext | undefined): PromptContext {
    const context = mergeDefaults(baseContext(spec, runContext), spec.promptDefaults);
    const now = clock();
    for (const provider of providers) {
      // A provider silently replacing a run value or a spec default would be a confusing prompt bug.
      if (context[provider.name] !== undefined) {
        throw new AppError(
          'InternalServerError',
          `Prompt provider '${provider.name}' would overwrite the existing variable '${provider.name}' of agent '${spec.key}'.`,
          { details: { agent: spec.key, variable: provider.name } },
        );
      }
      context[provider.name] = provider.provide({ spec, runContext, now });
    }
    return context;
  }

  return {
    build: (spec, runContext) => assemble(spec, runContext),
    buildBoot: (spec) => assemble(spec, undefined),
  };
}

/**
 * Fills absent values (undefined or null) from `defaults`, recursing into nested objects, so a default
 * `{ user: { name: 'there' } }` never replaces a real user name.
 */
export function mergeDefaults(
  target: Record<string, unknown>,
  defaults: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...target };
  for (const [key, fallback] of Object.entries(defaults)) {
    const current = merged[key];
    if (current === undefined || current === null) merged[key] = structuredCloneIfPlain(fallback);
    else if (isPlainObject(current) && isPlainObject(fallback))
      merged[key] = mergeDefaults(current, fallback);
  }
  return merged;
}

/** The §3.4 variables; absent facts are left out so a strict render names them. */
function baseContext(spec: AgentSpec, runContext: AgentRunContext | undefined): Record<string, unknown> {
  return {
    user: present({ id: runContext?.userId, name: runContext?.userName }),
    tenant: present({ id: runContext?.tenantId }),
    run: present({
      conversation_id: runContext?.conversationId,
      request_message: runContext?.requestMessage,
    }),
    env: present({ environment: runContext?.environment }),
    agent: { key: spec.key, display_name: spec.displayName },
    memory: present({ summary: runContext?.memorySummary }),
    request: present({ context: runContext?.requestContext }),
  };
}

function present(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined && value !== null),
  );
}

function structuredCloneIfPlain(value: unknown): unknown {
  return isPlainObject(value) || Array.isArray(value) ? structuredClone(value) : value;
}
