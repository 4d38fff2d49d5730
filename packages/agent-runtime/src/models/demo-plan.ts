import type { ModelRequest, SerializedTool } from '@openai/agents-core';
import { type DemoConversation, readDemoConversation } from './demo-conversation.js';
import { findHandoffTrigger, findToolTrigger, readDemoFlags } from './demo-triggers.js';
import { generateJsonSchemaInstance } from './json-schema-instance.js';

/** One output item the demo model will produce, in order. */
export type DemoOutputPart =
  | { readonly kind: 'reasoning'; readonly summary: string }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'refusal'; readonly refusal: string }
  | { readonly kind: 'function_call'; readonly name: string; readonly arguments: string };

/** What the demo model answers to one request: output items, or a provider-style error. */
export type DemoPlan =
  | { readonly kind: 'output'; readonly parts: readonly DemoOutputPart[] }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };

const EXPLANATION =
  'This answer comes from the offline demo model, because no OPENAI_API_KEY is configured. ' +
  'Try "use tool <name>", "handoff to <agent>", "demo: reason", "demo: refuse" or "demo: error".';
const MAX_ECHO_CHARS = 280;
const MAX_TOOL_OUTPUT_CHARS = 500;
const PHRASE_WORDS = 6;

type FunctionToolInfo = Extract<SerializedTool, { type: 'function' }>;

/** Decides, deterministically, what the demo model answers to `request` (see ./README.md). */
export function planDemoResponse(request: ModelRequest): DemoPlan {
  const conversation = readDemoConversation(request.input);
  const message = conversation.lastUserMessage;
  const flags = readDemoFlags(message);
  if (flags.error) {
    return {
      kind: 'error',
      code: 'demo_error',
      message: 'The demo model failed on purpose ("demo: error").',
    };
  }
  const reasoning: DemoOutputPart[] = flags.reason
    ? [{ kind: 'reasoning', summary: reasoningSummary(message) }]
    : [];
  if (flags.refuse) {
    const refusal = 'I cannot help with that: the demo model refuses on purpose ("demo: refuse").';
    return { kind: 'output', parts: [...reasoning, { kind: 'refusal', refusal }] };
  }
  return { kind: 'output', parts: [...reasoning, answer(request, conversation)] };
}

function answer(request: ModelRequest, conversation: DemoConversation): DemoOutputPart {
  const message = conversation.lastUserMessage;
  if (conversation.pendingToolResults.length > 0) {
    const offered = new Set(functionTools(request).map((tool) => tool.name));
    const lines = conversation.pendingToolResults.map((result) =>
      offered.has(result.name)
        ? `The tool ${result.name} returned: ${clip(result.output, MAX_TOOL_OUTPUT_CHARS)}`
        : `Picked up the conversation after ${result.name}.`,
    );
    // A result for a tool this agent does not have is a handoff: the new agent answers the message.
    const handedOff = conversation.pendingToolResults.some((result) => !offered.has(result.name));
    if (handedOff) lines.push(echo(message));
    return finalAnswer(request, message, lines.join('\n'));
  }
  // One action per user message keeps a conversation from calling the same tool forever.
  const action = conversation.actedSinceUserMessage ? undefined : actionFor(request, message);
  if (typeof action === 'object') return action;
  return finalAnswer(request, message, action ?? echo(message));
}

function echo(message: string): string {
  return `Demo model reply to: ${clip(message, MAX_ECHO_CHARS) || '(no message)'}`;
}

/** A function call to make, a sentence explaining why none can be made, or nothing was asked for. */
function actionFor(request: ModelRequest, message: string): DemoOutputPart | string | undefined {
  const tools = functionTools(request);
  const toolTrigger = findToolTrigger(
    message,
    tools.map((tool) => tool.name),
  );
  if (toolTrigger?.kind === 'known') {
    const tool = tools.find((candidate) => candidate.name === toolTrigger.name);
    const args =
      toolTrigger.arguments ??
      generateJsonSchemaInstance(tool?.parameters ?? true, { phrase: phraseOf(message) });
    return { kind: 'function_call', name: toolTrigger.name, arguments: JSON.stringify(args) };
  }
  if (toolTrigger?.kind === 'unknown') {
    const hosted = request.tools.some(
      (tool) => tool.type !== 'function' && tool.name === toolTrigger.requested,
    );
    const why = hosted
      ? `${toolTrigger.requested} is a hosted tool that needs a real OpenAI model.`
      : `There is no tool named "${toolTrigger.requested}".`;
    return `${why} ${listing(
      'Tools the demo model can call',
      tools.map((tool) => tool.name),
    )}`;
  }
  const handoffNames = request.handoffs.map((handoff) => handoff.toolName);
  const handoffTrigger = findHandoffTrigger(message, handoffNames);
  if (handoffTrigger?.kind === 'known') {
    // Handoffs with an `inputType` need arguments that fit its schema; plain handoffs take `{}`.
    const handoff = request.handoffs.find((candidate) => candidate.toolName === handoffTrigger.toolName);
    const args = handoff
      ? generateJsonSchemaInstance(handoff.inputJsonSchema, { phrase: phraseOf(message) })
      : {};
    return { kind: 'function_call', name: handoffTrigger.toolName, arguments: JSON.stringify(args) };
  }
  if (handoffTrigger?.kind === 'unknown') {
    return `There is no handoff to "${handoffTrigger.requested}". ${listing('Available handoffs', handoffNames)}`;
  }
  return undefined;
}

function finalAnswer(request: ModelRequest, message: string, lead: string): DemoOutputPart {
  if (request.outputType !== 'text') {
    const value = generateJsonSchemaInstance(request.outputType.schema, { phrase: phraseOf(message) });
    return { kind: 'text', text: JSON.stringify(value) };
  }
  return { kind: 'text', text: `${lead}\n\n${EXPLANATION}` };
}

function reasoningSummary(message: string): string {
  const words = message.split(/\s+/).filter(Boolean).length;
  return `The user wrote ${words} words and asked the demo model to show its reasoning. I will answer with a deterministic demo reply.`;
}

function functionTools(request: ModelRequest): FunctionToolInfo[] {
  return request.tools.filter((tool): tool is FunctionToolInfo => tool.type === 'function');
}

function listing(title: string, names: readonly string[]): string {
  return names.length > 0 ? `${title}: ${names.join(', ')}.` : `${title}: none.`;
}

function clip(text: string, limit: number): string {
  const trimmed = text.trim();
  return trimmed.length > limit ? `${trimmed.slice(0, limit)}…` : trimmed;
}

/** The first words of the message, restricted to BMP characters so JSON Schema and JS lengths agree. */
function phraseOf(message: string): string {
  const words = message
    .replace(/\bdemo:\s*\w+/gi, ' ')
    .replace(/[^\u0020-\u007e\u00a0-\ud7ff\ue000-\uffff]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return words.slice(0, PHRASE_WORDS).join(' ') || 'demo';
}
