import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generateJsonSchemaInstance } from './json-schema-instance.js';

const status = z.enum(['draft', 'published']);
const node: z.ZodType<{ name: string; children: unknown[] }> = z.object({
  name: z.string(),
  get children() {
    return z.array(node);
  },
});

const zodCases: ReadonlyArray<readonly [string, z.ZodType]> = [
  ['string', z.string()],
  ['bounded string', z.string().min(40).max(50)],
  ['short string', z.string().max(3)],
  ['email', z.email()],
  ['url', z.url()],
  ['uuid', z.uuid()],
  ['iso datetime', z.iso.datetime()],
  ['iso date', z.iso.date()],
  ['integer', z.number().int()],
  ['bounded integer', z.number().int().min(5).max(9)],
  ['exclusive integer', z.number().int().gt(10)],
  ['negative number', z.number().lt(-2.5)],
  ['multiple of', z.number().int().min(7).multipleOf(5)],
  ['boolean', z.boolean()],
  ['literal', z.literal('fixed')],
  ['enum', status],
  ['nullable', z.string().nullable()],
  ['optional fields', z.object({ a: z.string(), b: z.number().optional() })],
  ['array', z.array(z.number()).min(3)],
  ['unique enum array', z.array(status).min(2).max(2)],
  ['tuple', z.tuple([z.string(), z.number(), z.boolean()])],
  ['union', z.union([z.number().min(1), z.string()])],
  [
    'discriminated union',
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('a') }),
      z.object({ kind: z.literal('b'), n: z.number() }),
    ]),
  ],
  ['record', z.record(z.string(), z.number())],
  ['intersection', z.intersection(z.object({ a: z.string() }), z.object({ b: z.number() }))],
  ['recursive', node],
  [
    'company brief',
    z.object({
      company_name: z.string(),
      canonical_url: z.url(),
      offerings: z.array(z.string()),
      recent_news: z.array(z.object({ headline: z.string(), date: z.string().nullable(), url: z.url() })),
      sources: z.array(z.object({ title: z.string(), type: z.enum(['news', 'docs', 'marketing', 'other']) })),
    }),
  ],
];

describe('generateJsonSchemaInstance', () => {
  it.each(zodCases)('produces a valid instance for %s', (_label, schema) => {
    const jsonSchema = z.toJSONSchema(schema) as Record<string, unknown>;
    const instance = generateJsonSchemaInstance(jsonSchema, { phrase: 'tell me about acme corp' });
    expect(schema.safeParse(instance).error).toBeUndefined();
  });

  const rawCases: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
    [
      '$ref to $defs',
      {
        type: 'object',
        properties: { owner: { $ref: '#/$defs/person' } },
        required: ['owner'],
        additionalProperties: false,
        $defs: { person: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
      },
    ],
    ['type list with null', { type: ['null', 'integer'], minimum: 3 }],
    ['const', { const: 42 }],
    ['oneOf', { oneOf: [{ type: 'string', minLength: 2 }, { type: 'number' }] }],
    ['anyOf nullable', { anyOf: [{ type: 'string' }, { type: 'null' }] }],
    ['array with maxItems 0', { type: 'array', items: { type: 'string' }, maxItems: 0 }],
    ['number with exclusive bounds', { type: 'number', exclusiveMinimum: 1, exclusiveMaximum: 2 }],
  ];

  it.each(rawCases)('produces a valid instance for raw schema: %s', (_label, jsonSchema) => {
    const instance = generateJsonSchemaInstance(jsonSchema, { phrase: 'hello' });
    const validator = z.fromJSONSchema(jsonSchema as Parameters<typeof z.fromJSONSchema>[0]);
    expect(validator.safeParse(instance).error).toBeUndefined();
  });

  it('echoes the phrase in strings and is deterministic', () => {
    const schema = z.toJSONSchema(z.object({ title: z.string(), tags: z.array(z.string()) }));
    const first = generateJsonSchemaInstance(schema, { phrase: 'quarterly report' });
    expect(first).toEqual({ title: 'quarterly report', tags: ['quarterly report'] });
    expect(generateJsonSchemaInstance(schema, { phrase: 'quarterly report' })).toEqual(first);
  });

  it('respects maxLength when echoing the phrase', () => {
    expect(generateJsonSchemaInstance({ type: 'string', maxLength: 5 }, { phrase: 'a long phrase' })).toBe(
      'a lon',
    );
  });

  it('rejects schemas that accept nothing or point nowhere', () => {
    expect(() => generateJsonSchemaInstance(false)).toThrow(/accepts no value/);
    expect(() => generateJsonSchemaInstance({ $ref: '#/$defs/missing' })).toThrow(/does not resolve/);
  });
});
