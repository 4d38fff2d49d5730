import {
  type AgentModelSettings,
  type AgentRuntime,
  type AgentSpec,
  agentOutputJsonSchemaOf,
  DEMO_MODEL_NAME,
  resolveAgentModel,
} from '@starter/agent-runtime';
import { decodeCursor, encodeCursor } from '@starter/contracts';
import { z } from 'zod';

/** The hosted tools an agent actually has here (the registry drops hosted tools without an OpenAI key). */
export function agentTooling(spec: AgentSpec) {
  const has = (key: string) => spec.toolKeys.includes(key);
  return {
    supports_code_interpreter: has('code_interpreter'),
    file_search: has('file_search'),
    image_generation: has('image_generation'),
    web_search: has('web_search'),
  };
}

/**
 * The model an agent runs on. On the offline demo model (§14) the catalog says so: `model` is the demo
 * model's name and the label names the model it stands in for, so nobody mistakes demo answers for GPT.
 */
export function agentModel(runtime: AgentRuntime, spec: AgentSpec, settings: AgentModelSettings) {
  const requested = resolveAgentModel(spec, settings);
  return runtime.usesDemoModel
    ? {
        model: DEMO_MODEL_NAME,
        model_label: `demo model (requested: ${requested})`,
        requested_model: requested,
        uses_demo_model: true,
      }
    : { model: requested, model_label: requested, requested_model: requested, uses_demo_model: false };
}

/** The structured-output JSON schema of an agent, or null for text agents. */
export function agentOutputSchema(spec: AgentSpec): Record<string, unknown> | null {
  const schema = agentOutputJsonSchemaOf(spec);
  return schema === null ? null : { ...schema };
}

const CursorSchema = z.strictObject({ after: z.string().min(1) });

/** One page of agents by key, filtered by a case-insensitive substring of name, display name or description. */
export function pageAgents(
  specs: readonly AgentSpec[],
  query: { limit: number; cursor?: string | undefined; search?: string | undefined },
): { page: AgentSpec[]; nextCursor: string | null; total: number } {
  const needle = query.search?.toLowerCase() ?? '';
  const matching = specs
    .filter((spec) =>
      [spec.key, spec.displayName, spec.description].some((text) => text.toLowerCase().includes(needle)),
    )
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, CursorSchema).after;
  const rest = after === undefined ? matching : matching.filter((spec) => spec.key > after);
  const page = rest.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rest.length > query.limit && last !== undefined ? encodeCursor({ after: last.key }) : null;
  return { page, nextCursor, total: matching.length };
}
