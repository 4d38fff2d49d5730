import type { ModelProvider } from '@openai/agents';
import type OpenAI from 'openai';
import type { GuardrailRegistry } from '../guardrails/guardrail-registry.js';
import type { McpToolConfig } from '../mcp/mcp-tool-config.js';
import type { AgentSessionStore } from '../memory/session-store.js';
import type { SummaryStore } from '../memory/summary-store.js';
import type { AgentSpec } from '../specs/agent-spec-schema.js';
import type { AgentModelSettings } from '../specs/model-resolution.js';
import type { PromptContextProvider } from '../specs/prompt-context.js';
import type { ContainerPort, ConversationSearchPort, VectorStorePort } from '../tools/tool-ports.js';
import type { ToolRegistryEntry } from '../tools/tool-registry-entry.js';
import type { ToolRegistrySettings } from '../tools/tool-settings.js';
import type { ModelUsageListener } from './model-usage.js';
import type { RuntimeEventSink } from './run-events.js';

/** Everything {@link createAgentRuntime} can be given; every field has a standalone default. */
export interface AgentRuntimeOptions {
  /** Default: the nine bundled agents of §3.2. */
  readonly agents?: readonly AgentSpec[] | undefined;
  /**
   * An OpenAI client (from `OPENAI_API_KEY`): turns on the OpenAI model provider, hosted tools, hosted MCP
   * and the moderation / LLM guardrail checks. Without it every agent runs on the offline demo model.
   */
  readonly openai?: OpenAI | undefined;
  /** Overrides the model provider (default: OpenAI when `openai` is set, else the demo model). */
  readonly modelProvider?: ModelProvider | undefined;
  /** `AGENT_MODEL_DEFAULT` / `AGENT_MODEL_<KEY>` (§3.3); see `agentModelSettingsFromEnv`. */
  readonly modelSettings?: AgentModelSettings | undefined;
  /** Prompt variable `env.environment`; default `development`. */
  readonly environment?: string | undefined;
  readonly tools?:
    | {
        readonly settings?: Partial<ToolRegistrySettings> | undefined;
        /** The caller's tenant conversations, for `search_conversations` (default: none). */
        readonly conversationSearch?: ConversationSearchPort | undefined;
        readonly vectorStores?: VectorStorePort | undefined;
        readonly containers?: ContainerPort | undefined;
        /** Your own tools (see `defineFunctionTool` + `functionToolEntry`). */
        readonly extraEntries?: readonly ToolRegistryEntry[] | undefined;
      }
    | undefined;
  /** `MCP_TOOLS` entries (see `parseMcpToolsSetting`); local servers are connected at creation. */
  readonly mcpServers?: readonly McpToolConfig[] | undefined;
  /** SDK session store (default in memory; `createKyselySessionStore` for Postgres). */
  readonly sessions?: AgentSessionStore | undefined;
  /** Cross-session summaries (default in memory). */
  readonly summaries?: SummaryStore | undefined;
  readonly guardrails?: GuardrailRegistry | undefined;
  readonly promptProviders?: readonly PromptContextProvider[] | undefined;
  /** Receives every model response's usage (nested agent-as-tool runs included). */
  readonly onUsage?: ModelUsageListener | undefined;
  /** Internal events of every run: usage, guardrail results and summaries, memory checkpoints. */
  readonly onEvent?: RuntimeEventSink | undefined;
  readonly clock?: (() => Date) | undefined;
}
