import type { AgentOutputType, JsonSchemaDefinition } from '@openai/agents';
import { z } from 'zod';
import type { AgentSpec } from './agent-spec-schema.js';

/** The SDK `outputType` of a spec: 'text', a zod object, or the Responses API's JSON-schema format. */
export function agentOutputTypeOf(spec: AgentSpec): AgentOutputType {
  const output = spec.output;
  if (output === undefined || output.mode === 'text' || output.schema === undefined) return 'text';
  const name = output.name ?? `${spec.key}_output`;
  if (output.schema instanceof z.ZodObject) {
    // The SDK sends zod schemas strictly; a non-strict spec needs the JSON-schema form to say so.
    if (output.strict) return output.schema;
    return jsonSchemaOutput(name, false, z.toJSONSchema(output.schema, { target: 'draft-7' }));
  }
  return jsonSchemaOutput(name, output.strict, output.schema);
}

function jsonSchemaOutput(
  name: string,
  strict: boolean,
  schema: Readonly<Record<string, unknown>>,
): JsonSchemaDefinition {
  const { $schema: _ignored, ...rest } = schema;
  return { type: 'json_schema', name, strict, schema: rest as JsonSchemaDefinition['schema'] };
}

/** The JSON schema of an agent's structured output (reported as `output_schema`), or null for text. */
export function agentOutputJsonSchemaOf(spec: AgentSpec): Readonly<Record<string, unknown>> | null {
  const outputType = agentOutputTypeOf(spec);
  if (outputType === 'text') return null;
  if (outputType instanceof z.ZodObject) return z.toJSONSchema(outputType, { target: 'draft-7' });
  return (outputType as JsonSchemaDefinition).schema;
}
