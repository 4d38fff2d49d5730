import {
  type AgentRuntime,
  type AgentRuntimeOptions,
  type AgentRuntimeTables,
  type AgentSpec,
  bundledAgentSpecs,
  type ConversationSearchPort,
  createAgentRuntime,
  createConversationSearchPort,
  createKyselyConversationStore,
  createKyselySessionStore,
  createKyselySummaryStore,
  type ModelUsageListener,
} from '@starter/agent-runtime';

import type { Clock, SqlDatabase } from '@starter/contracts';
import { createKysely } from '@starter/providers';
import OpenAI from 'openai';
import type { Settings } from '../settings/index.js';

type RuntimeTools = NonNullable<AgentRuntimeOptions['tools']>;

/** Kysely typed with the agent runtime's tables (conversations, ledger, sessions, usage). */
export type AgentsDb = ReturnType<typeof createKysely<AgentRuntimeTables>>;

/** The agent runtime of this process and the database handle its stores use. */
export interface Agents {
  readonly runtime: AgentRuntime;
  readonly db: AgentsDb;
}

export interface AgentsInput {
  readonly settings: Settings;
  readonly database: SqlDatabase;
  readonly clock: Clock;
  /** The caller's tenant conversations, for `search_conversations` (default: the conversations table). */
  readonly conversationSearch?: ConversationSearchPort | undefined;
  readonly onUsage?: ModelUsageListener | undefined;
  /** Replaces the model provider (tests and benchmarks: e.g. a slow demo model). */
  readonly modelProvider?: AgentRuntimeOptions['modelProvider'];
  /** Agents in addition to the bundled ones (tests: e.g. an agent with an approval-gated tool). */
  readonly extraAgents?: readonly AgentSpec[] | undefined;
  /** Tools in addition to the registry's own, for `extraAgents`. */
  readonly extraTools?: RuntimeTools['extraEntries'];
}

/**
 * Builds the agent runtime on the app's database: SDK sessions and summaries in Postgres (or PGlite),
 * OpenAI when OPENAI_API_KEY is set (hosted tools, moderation), the offline demo model otherwise.
 */
export async function createAgents(input: AgentsInput): Promise<Agents> {
  const { settings } = input;
  const db = createKysely<AgentRuntimeTables>(input.database);
  const openai =
    settings.openaiApiKey === null
      ? undefined
      : new OpenAI({
          apiKey: settings.openaiApiKey,
          ...(settings.agents.openaiBaseUrl ? { baseURL: settings.agents.openaiBaseUrl } : {}),
        });
  const now = () => new Date(input.clock.now());
  const runtime = await createAgentRuntime({
    ...(openai ? { openai } : {}),
    environment: settings.environment,
    modelSettings: settings.agents.models,
    mcpServers: settings.agents.mcpTools,
    sessions: createKyselySessionStore(db),
    summaries: createKyselySummaryStore(db, { now }),
    ...(input.modelProvider ? { modelProvider: input.modelProvider } : {}),
    ...(input.extraAgents?.length ? { agents: [...bundledAgentSpecs, ...input.extraAgents] } : {}),
    tools: {
      conversationSearch:
        input.conversationSearch ??
        createConversationSearchPort(createKyselyConversationStore(db, { clock: now })),
      ...(input.extraTools?.length ? { extraEntries: input.extraTools } : {}),
    },
    onUsage: input.onUsage,
    clock: now,
  });
  return { runtime, db };
}
