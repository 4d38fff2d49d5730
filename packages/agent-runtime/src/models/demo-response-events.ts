import type {
  Response,
  ResponseOutputItem,
  ResponseOutputMessage,
  ResponseStreamEvent,
  ResponseUsage,
} from 'openai/resources/responses/responses';
import type { DemoOutputPart } from './demo-plan.js';
import { type DemoIds, splitIntoTokens } from './demo-tokens.js';

type Unsequenced<E> = E extends ResponseStreamEvent ? Omit<E, 'sequence_number'> : never;

/** The Responses-API event sequence of one demo response, plus the final response object. */
export interface DemoResponseEvents {
  readonly events: readonly ResponseStreamEvent[];
  readonly response: Response;
}

/** Inputs that shape the response object around the output parts. */
export interface DemoResponseContext {
  readonly ids: DemoIds;
  readonly modelName: string;
  readonly inputTokens: number;
  readonly metadata: Readonly<Record<string, string>>;
}

/** Lays out `parts` as the event sequence the Responses API streams for the same output. */
export function buildDemoResponseEvents(
  parts: readonly DemoOutputPart[],
  context: DemoResponseContext,
): DemoResponseEvents {
  const events: ResponseStreamEvent[] = [];
  const push = (event: Unsequenced<ResponseStreamEvent>) => {
    events.push({ ...event, sequence_number: events.length } as ResponseStreamEvent);
  };
  const output: ResponseOutputItem[] = [];
  let outputTokens = 0;
  let reasoningTokens = 0;
  push({ type: 'response.created', response: baseResponse(context) });
  push({ type: 'response.in_progress', response: baseResponse(context) });

  parts.forEach((part, output_index) => {
    if (part.kind === 'reasoning') {
      const id = context.ids.itemId('rs', output_index);
      const summary_index = 0;
      push({
        type: 'response.output_item.added',
        output_index,
        item: { id, type: 'reasoning', summary: [] },
      });
      const base = { item_id: id, output_index, summary_index };
      push({
        type: 'response.reasoning_summary_part.added',
        ...base,
        part: { type: 'summary_text', text: '' },
      });
      for (const delta of splitIntoTokens(part.summary)) {
        push({ type: 'response.reasoning_summary_text.delta', ...base, delta });
        reasoningTokens += 1;
      }
      push({ type: 'response.reasoning_summary_text.done', ...base, text: part.summary });
      const done = { type: 'summary_text' as const, text: part.summary };
      push({ type: 'response.reasoning_summary_part.done', ...base, part: done });
      const item = { id, type: 'reasoning' as const, summary: [done] };
      push({ type: 'response.output_item.done', output_index, item });
      output.push(item);
      return;
    }
    if (part.kind === 'function_call') {
      const id = context.ids.itemId('fc', output_index);
      const call = {
        id,
        type: 'function_call' as const,
        call_id: context.ids.callId(output_index),
        name: part.name,
      };
      push({
        type: 'response.output_item.added',
        output_index,
        item: { ...call, arguments: '', status: 'in_progress' },
      });
      for (const delta of splitIntoTokens(part.arguments)) {
        push({ type: 'response.function_call_arguments.delta', item_id: id, output_index, delta });
        outputTokens += 1;
      }
      push({
        type: 'response.function_call_arguments.done',
        item_id: id,
        output_index,
        arguments: part.arguments,
      });
      const item = { ...call, arguments: part.arguments, status: 'completed' as const };
      push({ type: 'response.output_item.done', output_index, item });
      output.push(item);
      return;
    }
    const id = context.ids.itemId('msg', output_index);
    const message = (content: ResponseOutputMessage['content'], status: ResponseOutputMessage['status']) =>
      ({ id, type: 'message', role: 'assistant', status, content }) satisfies ResponseOutputMessage;
    push({ type: 'response.output_item.added', output_index, item: message([], 'in_progress') });
    const base = { item_id: id, output_index, content_index: 0 };
    if (part.kind === 'refusal') {
      push({ type: 'response.content_part.added', ...base, part: { type: 'refusal', refusal: '' } });
      for (const delta of splitIntoTokens(part.refusal)) {
        push({ type: 'response.refusal.delta', ...base, delta });
        outputTokens += 1;
      }
      push({ type: 'response.refusal.done', ...base, refusal: part.refusal });
      const done = { type: 'refusal' as const, refusal: part.refusal };
      push({ type: 'response.content_part.done', ...base, part: done });
      const item = message([done], 'completed');
      push({ type: 'response.output_item.done', output_index, item });
      output.push(item);
      return;
    }
    const emptyText = { type: 'output_text' as const, text: '', annotations: [], logprobs: [] };
    push({ type: 'response.content_part.added', ...base, part: emptyText });
    for (const delta of splitIntoTokens(part.text)) {
      push({ type: 'response.output_text.delta', ...base, delta, logprobs: [] });
      outputTokens += 1;
    }
    push({ type: 'response.output_text.done', ...base, text: part.text, logprobs: [] });
    const done = { ...emptyText, text: part.text };
    push({ type: 'response.content_part.done', ...base, part: done });
    const item = message([done], 'completed');
    push({ type: 'response.output_item.done', output_index, item });
    output.push(item);
  });

  const response: Response = {
    ...baseResponse(context),
    status: 'completed',
    output,
    output_text: outputText(output),
    usage: usage(context.inputTokens, outputTokens + reasoningTokens, reasoningTokens),
  };
  push({ type: 'response.completed', response });
  return { events, response };
}

/** The event sequence of a demo response that fails: created, in progress, then a provider `error`. */
export function buildDemoErrorEvents(
  error: { readonly code: string; readonly message: string },
  context: DemoResponseContext,
): readonly ResponseStreamEvent[] {
  return [
    { type: 'response.created', response: baseResponse(context), sequence_number: 0 },
    { type: 'response.in_progress', response: baseResponse(context), sequence_number: 1 },
    { type: 'error', code: error.code, message: error.message, param: null, sequence_number: 2 },
  ];
}

function baseResponse(context: DemoResponseContext): Response {
  return {
    id: context.ids.responseId,
    object: 'response',
    // Fixed so identical requests produce byte-identical streams.
    created_at: 0,
    status: 'in_progress',
    model: context.modelName,
    output: [],
    output_text: '',
    access_programs: null,
    error: null,
    incomplete_details: null,
    instructions: null,
    metadata: { ...context.metadata },
    parallel_tool_calls: false,
    temperature: null,
    top_p: null,
    tool_choice: 'auto',
    tools: [],
  };
}

function outputText(output: readonly ResponseOutputItem[]): string {
  return output
    .flatMap((item) => (item.type === 'message' ? item.content : []))
    .map((content) => (content.type === 'output_text' ? content.text : ''))
    .join('');
}

function usage(inputTokens: number, outputTokens: number, reasoningTokens: number): ResponseUsage {
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: inputTokens + outputTokens,
  };
}
