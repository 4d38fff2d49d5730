import { type McpToolConfig, parseMcpToolsSetting } from '@starter/agent-runtime';
import { AppError } from '@starter/contracts';
import { envInt, envOptionalString, envOptionalUrl } from './env-values.js';
import type { SettingsIssue } from './settings-error.js';
import type { ParsedEnv } from './settings-schema.js';

/** Agents and chat (spec §3.3, §6.3, §7.10 chat quotas). */
export interface AgentSettings {
  /** OPENAI_BASE_URL: another Responses API endpoint (a proxy, or the loopback server in tests). */
  openaiBaseUrl: string | null;
  /** AGENT_MODEL_DEFAULT and AGENT_MODEL_<KEY> (§3.3). */
  models: { defaultModel: string | undefined; modelsByKey: Record<string, string | undefined> };
  /** MCP_TOOLS, parsed and validated (§6.3). */
  mcpTools: McpToolConfig[];
  chat: {
    perMinute: number;
    streamPerMinute: number;
    streamConcurrency: number;
  };
}

/** The variables of this feature, merged into the settings schema. */
export const agentEnvShape = {
  OPENAI_BASE_URL: envOptionalUrl(['http:', 'https:']),
  AGENT_MODEL_DEFAULT: envOptionalString(),
  AGENT_MODEL_TRIAGE: envOptionalString(),
  AGENT_MODEL_CODE: envOptionalString(),
  AGENT_MODEL_DATA: envOptionalString(),
  MCP_TOOLS: envOptionalString(),
  CHAT_RATE_LIMIT_PER_MINUTE: envInt(60, 1, 100_000),
  CHAT_STREAM_RATE_LIMIT_PER_MINUTE: envInt(30, 1, 100_000),
  CHAT_STREAM_CONCURRENT_LIMIT: envInt(5, 1, 10_000),
};

function parseMcpTools(value: string | undefined): McpToolConfig[] {
  return value === undefined || value.trim() === '' ? [] : parseMcpToolsSetting(value);
}

/** MCP_TOOLS problems, each named (never the raw value: entries may hold authorization tokens). */
export function agentCrossChecks(env: ParsedEnv): SettingsIssue[] {
  try {
    parseMcpTools(env.MCP_TOOLS);
    return [];
  } catch (error) {
    const reason = error instanceof AppError ? error.message.replace(/^MCP_TOOLS:?\s*/, '') : 'is invalid';
    return [{ variable: 'MCP_TOOLS', reason }];
  }
}

/** Builds the agent settings from parsed variables (after `agentCrossChecks` passed). */
export function buildAgentSettings(env: ParsedEnv): AgentSettings {
  const empty = (value: string | undefined) =>
    value === undefined || value.trim() === '' ? undefined : value;
  return {
    openaiBaseUrl: env.OPENAI_BASE_URL ?? null,
    models: {
      defaultModel: empty(env.AGENT_MODEL_DEFAULT),
      modelsByKey: {
        triage: empty(env.AGENT_MODEL_TRIAGE),
        code: empty(env.AGENT_MODEL_CODE),
        data: empty(env.AGENT_MODEL_DATA),
      },
    },
    mcpTools: parseMcpTools(env.MCP_TOOLS),
    chat: {
      perMinute: env.CHAT_RATE_LIMIT_PER_MINUTE,
      streamPerMinute: env.CHAT_STREAM_RATE_LIMIT_PER_MINUTE,
      streamConcurrency: env.CHAT_STREAM_CONCURRENT_LIMIT,
    },
  };
}
