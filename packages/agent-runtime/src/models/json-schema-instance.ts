// A small deterministic JSON Schema instance generator: the demo model uses it to answer structured-output
// requests and to fill in tool arguments the user did not spell out. It aims at the subset of JSON Schema
// that zod's `toJSONSchema` and the Agents SDK emit; `pattern`, `not`, `if/then/else` and
// `dependentSchemas` are not solved (a string still echoes the phrase and may fail a pattern).

type JsonSchema = boolean | { readonly [key: string]: unknown };
type SchemaObject = { readonly [key: string]: unknown };

/** Options for {@link generateJsonSchemaInstance}. */
export interface JsonSchemaInstanceOptions {
  /** Text that string values echo (trimmed to the schema's length limits). Defaults to `"demo"`. */
  readonly phrase?: string;
}

// Beyond this nesting depth arrays stay at `minItems` and unions prefer `null`, so recursive schemas end.
const MAX_DEPTH = 8;
// Arrays get one sample item (instead of zero) above this depth, to show the item shape.
const SAMPLE_ITEM_DEPTH = 3;

const FORMAT_SAMPLES: Readonly<Record<string, string>> = {
  email: 'demo@example.com',
  'idn-email': 'demo@example.com',
  uri: 'https://example.com/demo',
  url: 'https://example.com/demo',
  'uri-reference': 'https://example.com/demo',
  iri: 'https://example.com/demo',
  hostname: 'example.com',
  'idn-hostname': 'example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
  guid: '00000000-0000-4000-8000-000000000000',
  date: '2025-01-01',
  time: '00:00:00Z',
  'date-time': '2025-01-01T00:00:00Z',
  duration: 'P1D',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
};

interface GenerationContext {
  readonly root: JsonSchema;
  readonly phrase: string;
}

/** Returns a small value that validates against `schema` (deterministic for the same schema and phrase). */
export function generateJsonSchemaInstance(
  schema: JsonSchema,
  options: JsonSchemaInstanceOptions = {},
): unknown {
  const phrase = options.phrase?.trim() || 'demo';
  return generate(schema, { root: schema, phrase }, 0, 0);
}

function generate(schema: JsonSchema, context: GenerationContext, depth: number, variant: number): unknown {
  if (schema === true) return context.phrase;
  if (schema === false) throw new Error('JSON schema `false` accepts no value');
  if (depth > MAX_DEPTH * 4) throw new Error('JSON schema nests too deeply to generate an instance');
  const resolved = resolveSchema(schema, context.root);
  if ('const' in resolved) return resolved.const;
  if (Array.isArray(resolved.enum) && resolved.enum.length > 0) {
    return resolved.enum[variant % resolved.enum.length];
  }
  const union = firstArray(resolved.anyOf, resolved.oneOf);
  if (union) return generate(pickUnionBranch(union, depth), context, depth + 1, variant);
  if (Array.isArray(resolved.allOf)) {
    return generate(mergeAllOf(resolved, context.root), context, depth + 1, variant);
  }
  switch (pickType(resolved, depth)) {
    case 'null':
      return null;
    case 'boolean':
      return false;
    case 'integer':
      return pickNumber(resolved, true, variant);
    case 'number':
      return pickNumber(resolved, false, variant);
    case 'array':
      return generateArray(resolved, context, depth);
    case 'object':
      return generateObject(resolved, context, depth);
    default:
      return pickString(resolved, context.phrase, variant);
  }
}

function resolveSchema(schema: SchemaObject, root: JsonSchema): SchemaObject {
  let current = schema;
  const seen = new Set<string>();
  while (typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (seen.has(ref)) throw new Error(`JSON schema $ref cycle at ${ref}`);
    seen.add(ref);
    const { $ref: _ref, ...siblings } = current;
    const target = lookupRef(ref, root);
    if (target === true) return siblings;
    if (target === false) throw new Error(`JSON schema $ref ${ref} accepts no value`);
    current = { ...target, ...siblings };
  }
  return current;
}

function lookupRef(ref: string, root: JsonSchema): JsonSchema {
  if (!ref.startsWith('#')) throw new Error(`Only local JSON schema $refs are supported, got ${ref}`);
  const segments = ref
    .slice(1)
    .split('/')
    .filter((segment) => segment.length > 0)
    .map((segment) => decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~'));
  let node: unknown = root;
  for (const segment of segments) {
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[segment] : undefined;
  }
  if (typeof node === 'boolean' || isRecord(node)) return node;
  throw new Error(`JSON schema $ref ${ref} does not resolve`);
}

function pickUnionBranch(branches: readonly unknown[], depth: number): JsonSchema {
  const schemas = branches.filter(isSchema);
  const nullBranch = schemas.find((branch) => isRecord(branch) && branch.type === 'null');
  // Deep in a recursive schema, `null` is the branch that terminates.
  if (depth > MAX_DEPTH && nullBranch) return nullBranch;
  const first = schemas[0];
  if (first === undefined) throw new Error('JSON schema anyOf/oneOf has no branches');
  return first;
}

function mergeAllOf(schema: SchemaObject, root: JsonSchema): SchemaObject {
  const { allOf, ...rest } = schema;
  let merged: Record<string, unknown> = { ...rest };
  for (const part of allOf as unknown[]) {
    if (!isRecord(part)) continue;
    const resolved = resolveSchema(part, root);
    const properties = { ...asRecord(merged.properties), ...asRecord(resolved.properties) };
    const required = [...asStrings(merged.required), ...asStrings(resolved.required)];
    merged = { ...resolved, ...merged, properties, required: [...new Set(required)] };
  }
  return merged;
}

function pickType(schema: SchemaObject, depth: number): string {
  const { type } = schema;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) {
    const types = type.filter((entry): entry is string => typeof entry === 'string');
    if (depth > MAX_DEPTH && types.includes('null')) return 'null';
    return types.find((entry) => entry !== 'null') ?? types[0] ?? 'string';
  }
  if ('properties' in schema || 'required' in schema || 'additionalProperties' in schema) return 'object';
  if ('items' in schema || 'prefixItems' in schema) return 'array';
  if ('minimum' in schema || 'maximum' in schema || 'multipleOf' in schema) return 'number';
  return 'string';
}

function pickString(schema: SchemaObject, phrase: string, variant: number): string {
  const format = typeof schema.format === 'string' ? FORMAT_SAMPLES[schema.format] : undefined;
  const base = format ?? (variant > 0 ? `${phrase} ${variant + 1}` : phrase);
  const minLength = asCount(schema.minLength) ?? 0;
  const maxLength = asCount(schema.maxLength);
  let value = base.length >= minLength ? base : base + '.'.repeat(minLength - base.length);
  if (maxLength !== undefined && value.length > maxLength) value = value.slice(0, maxLength);
  return value;
}

function pickNumber(schema: SchemaObject, integer: boolean, variant: number): number {
  const { low, high, lowExclusive, highExclusive } = numericBounds(schema);
  const step = asPositive(schema.multipleOf) ?? (integer ? 1 : undefined);
  const above = (value: number) => (lowExclusive ? value > low : value >= low);
  const below = (value: number) => (highExclusive ? value < high : value <= high);
  const fits = (value: number) =>
    above(value) && below(value) && (step === undefined || isMultiple(value, step));
  if (fits(variant)) return variant;
  if (step !== undefined) {
    const start = Number.isFinite(low)
      ? Math.ceil(low / step) * step
      : Number.isFinite(high)
        ? Math.floor(high / step) * step
        : 0;
    for (let offset = 0; offset < 3; offset += 1) {
      const upward = start + offset * step;
      if (fits(upward)) return upward;
      const downward = start - offset * step;
      if (fits(downward)) return downward;
    }
  }
  if (Number.isFinite(low) && Number.isFinite(high)) return integer ? Math.ceil(low) : (low + high) / 2;
  if (Number.isFinite(low)) return lowExclusive ? low + 1 : low;
  return highExclusive ? high - 1 : high;
}

function numericBounds(schema: SchemaObject) {
  let low = Number.NEGATIVE_INFINITY;
  let high = Number.POSITIVE_INFINITY;
  let lowExclusive = false;
  let highExclusive = false;
  if (typeof schema.minimum === 'number') low = schema.minimum;
  if (typeof schema.exclusiveMinimum === 'number' && schema.exclusiveMinimum >= low) {
    low = schema.exclusiveMinimum;
    lowExclusive = true;
  } else if (schema.exclusiveMinimum === true) lowExclusive = true;
  if (typeof schema.maximum === 'number') high = schema.maximum;
  if (typeof schema.exclusiveMaximum === 'number' && schema.exclusiveMaximum <= high) {
    high = schema.exclusiveMaximum;
    highExclusive = true;
  } else if (schema.exclusiveMaximum === true) highExclusive = true;
  return { low, high, lowExclusive, highExclusive };
}

function isMultiple(value: number, step: number): boolean {
  const quotient = value / step;
  return Math.abs(quotient - Math.round(quotient)) < 1e-9;
}

function generateArray(schema: SchemaObject, context: GenerationContext, depth: number): unknown[] {
  const prefixItems = Array.isArray(schema.prefixItems) ? schema.prefixItems.filter(isSchema) : [];
  const minItems = asCount(schema.minItems) ?? 0;
  const maxItems = asCount(schema.maxItems) ?? Number.POSITIVE_INFINITY;
  const sample = depth < SAMPLE_ITEM_DEPTH ? 1 : 0;
  const count = Math.min(Math.max(minItems, prefixItems.length, sample), maxItems);
  const items: unknown[] = [];
  for (let index = 0; index < count; index += 1) {
    const itemSchema = prefixItems[index] ?? (isSchema(schema.items) ? schema.items : true);
    if (index >= prefixItems.length && schema.items === false) break;
    items.push(generate(itemSchema, context, depth + 1, index));
  }
  return items;
}

function generateObject(
  schema: SchemaObject,
  context: GenerationContext,
  depth: number,
): Record<string, unknown> {
  const properties = asRecord(schema.properties);
  const result: Record<string, unknown> = {};
  for (const key of asStrings(schema.required)) {
    const propertySchema = properties[key];
    const valueSchema = isSchema(propertySchema)
      ? propertySchema
      : isSchema(schema.additionalProperties)
        ? schema.additionalProperties
        : true;
    result[key] = generate(valueSchema, context, depth + 1, 0);
  }
  return result;
}

function firstArray(...candidates: unknown[]): readonly unknown[] | undefined {
  return candidates.find(
    (candidate): candidate is unknown[] => Array.isArray(candidate) && candidate.length > 0,
  );
}

function isRecord(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'boolean' || isRecord(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? { ...value } : {};
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

function asCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function asPositive(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}
