/** Approximate location of the caller, applied to web search when the request shares it (§6.1). */
export interface UserLocation {
  readonly city?: string | undefined;
  readonly region?: string | undefined;
  readonly country?: string | undefined;
  readonly timezone?: string | undefined;
}

/**
 * What one run knows about its caller and request. It is the SDK run context (`RunContext<AgentRunContext>`),
 * so tools, guardrails and prompt templates read the tenant from here: never from model output.
 */
export interface AgentRunContext {
  readonly runId: string;
  /** The tenant of the verified caller; null for a standalone run without tenancy. */
  readonly tenantId: string | null;
  readonly userId: string | null;
  readonly userName?: string | null | undefined;
  readonly conversationId: string | null;
  /** The user's message that started this run (prompt variable `run.request_message`). */
  readonly requestMessage: string;
  /** Deployment environment (prompt variable `env.environment`). */
  readonly environment: string;
  readonly userLocation?: UserLocation | undefined;
  /** Cross-session summary injected as `memory.summary` when memory injection is on. */
  readonly memorySummary?: string | null | undefined;
  /** Per-request overrides: agent key → tenant container's OpenAI id (§6.2). */
  readonly containerOverrides?: Readonly<Record<string, string>> | undefined;
  /** Per-request overrides: agent key → vector store ids (§6.4). */
  readonly vectorStoreOverrides?: Readonly<Record<string, readonly string[]>> | undefined;
  /** The request's free-form `context` (§1.11), prompt variable `request.context`. */
  readonly requestContext?: Readonly<Record<string, unknown>> | undefined;
  /** Aborted when the run is cancelled. */
  readonly signal?: AbortSignal | undefined;
}
