import type { ModelSettings, Tool } from '@openai/agents';
import type { AgentSpec } from './agent-spec-schema.js';

/**
 * Model settings asking the Responses API for `code_interpreter_call.outputs` when the agent has code
 * interpreter (§3.1). `providerData.include` replaces the list the SDK derives from the tools, so the
 * includes those tools would add (file search results, web search images) are carried over.
 */
export function modelSettingsFor<TContext>(spec: AgentSpec, tools: readonly Tool<TContext>[]): ModelSettings {
  if (!spec.toolKeys.includes('code_interpreter')) return {};
  const include = new Set<string>(['code_interpreter_call.outputs']);
  for (const tool of tools) {
    if (tool.type !== 'hosted_tool') continue;
    const data = tool.providerData as Record<string, unknown> | undefined;
    if (data?.type === 'file_search' && data.include_search_results === true)
      include.add('file_search_call.results');
    if (
      data?.type === 'web_search' &&
      Array.isArray(data.search_content_types) &&
      data.search_content_types.includes('image')
    ) {
      include.add('web_search_call.results');
    }
  }
  return { providerData: { include: [...include] } };
}
