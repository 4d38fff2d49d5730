import type { AgentInputItem, ModelProvider } from '@openai/agents';
import { AppError } from '@starter/contracts';

/** Port: turns dropped history into a short summary. */
export interface Summarizer {
  summarize(request: SummarizeRequest): Promise<string>;
}

/** What to summarize, with which model and output cap. */
export interface SummarizeRequest {
  readonly items: readonly AgentInputItem[];
  readonly model: string;
  readonly maxTokens: number;
}

const INSTRUCTIONS =
  'Summarize the earlier part of this conversation so an assistant can continue it. Keep facts, decisions, ' +
  'names, numbers, open questions and tool results that still matter; drop small talk. Write plain prose, ' +
  'at most a few short paragraphs.';

// One item's share of the transcript: a huge tool output must not crowd out the rest.
const MAX_ITEM_CHARS = 2_000;

/** A `Summarizer` that calls `getModel(model).getResponse(...)` on an Agents SDK `ModelProvider`. */
export function createModelSummarizer(deps: { modelProvider: ModelProvider }): Summarizer {
  return {
    async summarize({ items, model, maxTokens }) {
      const resolved = await deps.modelProvider.getModel(model);
      const response = await resolved.getResponse({
        systemInstructions: INSTRUCTIONS,
        input: [
          { type: 'message', role: 'user', content: `Conversation so far:\n\n${renderTranscript(items)}` },
        ],
        modelSettings: { maxTokens },
        tools: [],
        outputType: 'text',
        handoffs: [],
        tracing: false,
      });
      const text = response.output
        .flatMap((item) => (item.type === 'message' && item.role === 'assistant' ? item.content : []))
        .map((part) => (part.type === 'output_text' ? part.text : ''))
        .join('')
        .trim();
      if (!text) throw new AppError('BadGateway', 'The summarizer model returned no text.');
      return text;
    },
  };
}

/** A plain-text transcript of history items, one line per item, for the summarizer prompt. */
export function renderTranscript(items: readonly AgentInputItem[]): string {
  return items
    .map((item) => clip(renderItem(item)))
    .filter((line) => line.length > 0)
    .join('\n');
}

function renderItem(item: AgentInputItem): string {
  if (item.type === 'function_call') return `Tool call ${item.name}(${item.arguments})`;
  if (item.type === 'function_call_result') return `Tool result ${item.name}: ${textOf(item.output)}`;
  if (item.type === 'hosted_tool_call') return `Tool ${item.name}: ${item.output ?? item.arguments ?? ''}`;
  if ('role' in item) {
    const speaker = item.role === 'user' ? 'User' : item.role === 'assistant' ? 'Assistant' : 'System';
    return `${speaker}: ${textOf(item.content)}`;
  }
  return '';
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => {
        const record = part as { text?: unknown; refusal?: unknown; type?: unknown };
        if (typeof record.text === 'string') return record.text;
        if (typeof record.refusal === 'string') return record.refusal;
        return `[${String(record.type ?? 'content')}]`;
      })
      .join(' ');
  }
  if (content && typeof content === 'object') return textOf([content]);
  return '';
}

function clip(line: string): string {
  return line.length <= MAX_ITEM_CHARS ? line : `${line.slice(0, MAX_ITEM_CHARS)}…`;
}
