import { type FunctionTool, type RunContext, type Tool, tool } from '@openai/agents';
import type { z } from 'zod';
import type { AgentRunContext } from '../runtime/run-context.js';
import type { ToolCategory, ToolRegistryEntry } from './tool-registry-entry.js';

// biome-ignore lint/suspicious/noExplicitAny: matches the SDK's own `ZodObjectLike` bound.
type ZodParameters = z.ZodObject<any, any>;

/** Decides per call whether a human must approve it; the run pauses with an interruption when true. */
export type ToolApprovalPolicy<TParams extends ZodParameters> =
  | boolean
  | ((runContext: RunContext<AgentRunContext>, args: z.infer<TParams>) => boolean | Promise<boolean>);

/** An app's own function tool: zod parameters, typed run context, optional approval. */
export interface FunctionToolDefinition<TParams extends ZodParameters, TResult> {
  readonly name: string;
  readonly description: string;
  readonly parameters: TParams;
  readonly needsApproval?: ToolApprovalPolicy<TParams> | undefined;
  /** Runs the tool; the tenant and user come from `runContext.context`, never from `args`. */
  execute(
    args: z.infer<TParams>,
    runContext: RunContext<AgentRunContext> | undefined,
  ): TResult | Promise<TResult>;
}

/** A function tool whose run context is the project's `AgentRunContext`. */
export type AgentFunctionTool<
  TParams extends ZodParameters = ZodParameters,
  TResult = unknown,
> = FunctionTool<AgentRunContext, TParams, TResult>;

/** Defines a function tool over the SDK's `tool()` with the run context typed as `AgentRunContext`. */
export function defineFunctionTool<TParams extends ZodParameters, TResult>(
  definition: FunctionToolDefinition<TParams, TResult>,
): AgentFunctionTool<TParams, TResult> {
  const policy = definition.needsApproval;
  const options = {
    name: definition.name,
    description: definition.description,
    parameters: definition.parameters,
    execute: (args: unknown, runContext: RunContext<AgentRunContext> | undefined) =>
      definition.execute(args as z.infer<TParams>, runContext),
    // The SDK hands policies an untyped RunContext; it is ours because every run is started with AgentRunContext.
    needsApproval:
      typeof policy === 'function'
        ? async (runContext: RunContext, args: unknown) =>
            policy(runContext as RunContext<AgentRunContext>, args as z.infer<TParams>)
        : (policy ?? false),
  };
  // The SDK picks strict or non-strict options through conditional types that a generic TParams cannot resolve.
  return tool(
    options as unknown as Parameters<typeof tool<TParams, AgentRunContext, TResult>>[0],
  ) as AgentFunctionTool<TParams, TResult>;
}

/** Catalog facts of a custom function tool entry. */
export interface FunctionToolEntryOptions {
  readonly category?: ToolCategory | undefined;
  /** Defaults to the tool's own description. */
  readonly description?: string | undefined;
  readonly defaults?: Readonly<Record<string, unknown>> | undefined;
}

/** A registry entry that attaches one ready-made function tool under its own name. */
export function functionToolEntry(
  functionTool: Tool<AgentRunContext>,
  options: FunctionToolEntryOptions = {},
): ToolRegistryEntry {
  if (functionTool.type !== 'function') {
    throw new TypeError(
      `functionToolEntry expects a function tool, got ${functionTool.type} (${functionTool.name}).`,
    );
  }
  return {
    key: functionTool.name,
    category: options.category ?? 'utility',
    kind: 'function',
    description: options.description ?? functionTool.description,
    provider: 'local',
    defaults: options.defaults,
    build: () => ({ tools: [functionTool] }),
  };
}
