import {
  type AgentOutputItem,
  getOrCreateTrace,
  type JsonSchemaDefinition,
  type ModelProvider,
  type SerializedTool,
} from '@openai/agents-core';
import { AppError } from '@starter/contracts';
import { z } from 'zod';
import { isDemoModel } from '../models/index.js';
import type { GuardrailTokenUsage } from './guardrail-spec.js';

/** The verdict every LLM check asks the model for. */
export const guardrailVerdictSchema = z.object({
  flagged: z.boolean(),
  confidence: z.number().min(0).max(1),
  reason: z.string(),
});
export type GuardrailVerdict = z.infer<typeof guardrailVerdictSchema>;

/** One classification request of an LLM check. */
export interface GuardrailModelRequest {
  /** Model name; the client's default when omitted. */
  readonly model?: string | undefined;
  readonly instructions: string;
  readonly input: string;
  /** Vector stores the model may search (hosted `file_search`), for grounding checks. */
  readonly fileSearchVectorStoreIds?: readonly string[] | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** What LLM checks call: one structured verdict per request, with the tokens it cost. */
export interface GuardrailModelClient {
  classify(
    request: GuardrailModelRequest,
  ): Promise<{ verdict: GuardrailVerdict; tokenUsage: GuardrailTokenUsage }>;
}

/** Settings of {@link createGuardrailModelClient}. */
export interface GuardrailModelClientOptions {
  readonly modelProvider: ModelProvider;
  /** Spec §3.3: guardrail LLM checks default to `gpt-4.1-mini`. */
  readonly defaultModel?: string | undefined;
}

const VERDICT_OUTPUT: JsonSchemaDefinition = {
  type: 'json_schema',
  name: 'guardrail_verdict',
  strict: true,
  schema: {
    type: 'object',
    properties: {
      flagged: { type: 'boolean' },
      confidence: { type: 'number', description: 'How sure you are that the content is flagged, 0 to 1.' },
      reason: { type: 'string' },
    },
    required: ['flagged', 'confidence', 'reason'],
    additionalProperties: false,
  },
};

/** Builds the guardrail model client over an Agents SDK model provider (one non-streamed call per check). */
export function createGuardrailModelClient(options: GuardrailModelClientOptions): GuardrailModelClient {
  const defaultModel = options.defaultModel ?? 'gpt-4.1-mini';
  return {
    async classify(request) {
      const modelName = request.model ?? defaultModel;
      const model = await options.modelProvider.getModel(modelName);
      // The demo model would answer with schema-shaped filler ("not flagged"): a silent pass is worse than a failure.
      if (isDemoModel(model)) {
        throw new AppError(
          'ServiceUnavailable',
          'LLM guardrail checks need a real model; the demo model is active.',
        );
      }
      const tools: SerializedTool[] = (request.fileSearchVectorStoreIds ?? []).length
        ? [
            {
              type: 'hosted_tool',
              name: 'file_search',
              providerData: {
                type: 'file_search',
                name: 'file_search',
                vector_store_ids: [...(request.fileSearchVectorStoreIds ?? [])],
              },
            },
          ]
        : [];
      // The SDK model needs a trace context: inside a run it joins the run's trace, outside it starts one.
      const response = await getOrCreateTrace(
        () =>
          model.getResponse({
            systemInstructions: request.instructions,
            input: request.input,
            modelSettings: {},
            tools,
            outputType: VERDICT_OUTPUT,
            handoffs: [],
            tracing: false,
            ...(request.signal ? { signal: request.signal } : {}),
          }),
        { name: 'guardrail check' },
      );
      const text = outputText(response.output);
      let verdict: GuardrailVerdict;
      try {
        verdict = guardrailVerdictSchema.parse(JSON.parse(text));
      } catch (error) {
        throw new AppError('BadGateway', 'The guardrail model did not return a valid verdict.', {
          details: { model: modelName },
          cause: error,
        });
      }
      return {
        verdict,
        tokenUsage: {
          input_tokens: response.usage.inputTokens,
          output_tokens: response.usage.outputTokens,
          total_tokens: response.usage.totalTokens,
        },
      };
    },
  };
}

function outputText(output: readonly AgentOutputItem[]): string {
  const parts: string[] = [];
  for (const item of output) {
    if (item.type !== 'message' || item.role !== 'assistant') continue;
    for (const part of item.content) if (part.type === 'output_text') parts.push(part.text);
  }
  return parts.join('');
}
