import type OpenAI from 'openai';
import { z } from 'zod';
import { decided, errorMessage, executionFailed } from './check-results.js';
import { defineGuardrail } from './guardrail-spec.js';

/** The moderation categories a config may select; empty selects all of them (§5.2). */
export const moderationCategorySchema = z.enum([
  'hate',
  'hate/threatening',
  'harassment',
  'harassment/threatening',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
]);
export type ModerationCategoryName = z.infer<typeof moderationCategorySchema>;

/** The part of the OpenAI client moderation needs. */
export type ModerationClient = Pick<OpenAI, 'moderations'>;

/** Config of `moderation` (§5.2). */
export const moderationConfigSchema = z.strictObject({
  categories: z.array(moderationCategorySchema).default([]),
  threshold: z.number().min(0).max(1).default(0.5),
  model: z.string().min(1).default('omni-moderation-latest'),
});

/** `moderation`: OpenAI's moderation endpoint; flagged when a selected category scores ≥ threshold or is flagged. */
export const moderationGuardrail = defineGuardrail({
  key: 'moderation',
  displayName: 'Moderation',
  description:
    'Screens the user message with the OpenAI moderation API (hate, harassment, self-harm, sexual, violence).',
  stage: 'input',
  engine: 'api',
  configSchema: moderationConfigSchema,
  usesConversationHistory: false,
  supportsMasking: false,
  check: async (input, config, deps) => {
    if (!deps.moderationClient) return executionFailed('No OpenAI client is configured for moderation.');
    const selected = config.categories.length > 0 ? config.categories : moderationCategorySchema.options;
    let response: Awaited<ReturnType<ModerationClient['moderations']['create']>>;
    try {
      response = await deps.moderationClient.moderations.create(
        { model: config.model, input: input.text },
        input.signal ? { signal: input.signal } : undefined,
      );
    } catch (error) {
      return executionFailed(`Moderation request failed: ${errorMessage(error)}`);
    }
    const hits: string[] = [];
    let confidence = 0;
    const scores: Record<string, number> = {};
    for (const result of response.results) {
      const categoryScores = result.category_scores as unknown as Record<string, number | undefined>;
      const categoryFlags = result.categories as unknown as Record<string, boolean | undefined>;
      for (const category of selected) {
        const score = categoryScores[category] ?? 0;
        scores[category] = Math.max(scores[category] ?? 0, score);
        confidence = Math.max(confidence, score);
        if ((score >= config.threshold || categoryFlags[category] === true) && !hits.includes(category)) {
          hits.push(category);
        }
      }
    }
    return decided(
      {
        flagged: hits.length > 0,
        flagged_categories: hits,
        category_scores: scores,
        threshold: config.threshold,
      },
      { confidence },
    );
  },
});
