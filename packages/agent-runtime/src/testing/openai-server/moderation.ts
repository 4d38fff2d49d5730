import type { Moderation, ModerationCreateResponse } from 'openai/resources/moderations';
import { openAiId } from './ids.js';

/** A moderation category, as named by the API (`harassment`, `self-harm/intent`, …). */
export type ModerationCategory = keyof Moderation.Categories;

/** One scripted moderation result; `flagged` defaults to "any category is true". */
export interface ModerationResultSpec {
  readonly flagged?: boolean | undefined;
  readonly categories?: Partial<Record<ModerationCategory, boolean>> | undefined;
  readonly scores?: Partial<Record<ModerationCategory, number>> | undefined;
}

const CATEGORIES: readonly ModerationCategory[] = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/instructions',
  'self-harm/intent',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
];

/** Builds a `POST /v1/moderations` answer from scripted results (one per input when not scripted). */
export function buildModerationResponse(
  results: readonly ModerationResultSpec[] | undefined,
  request: Readonly<Record<string, unknown>>,
): ModerationCreateResponse {
  const inputs = Array.isArray(request.input) ? request.input.length : 1;
  const specs = results ?? Array.from({ length: inputs }, () => ({}));
  return {
    id: openAiId('modr'),
    model: typeof request.model === 'string' ? request.model : 'omni-moderation-latest',
    results: specs.map(buildModeration),
  };
}

function buildModeration(spec: ModerationResultSpec): Moderation {
  const categories = {} as Record<ModerationCategory, boolean>;
  const scores = {} as Record<ModerationCategory, number>;
  const applied = {} as Record<ModerationCategory, Array<'text'>>;
  for (const category of CATEGORIES) {
    const hit = spec.categories?.[category] ?? false;
    categories[category] = hit;
    scores[category] = spec.scores?.[category] ?? (hit ? 0.92 : 0.0001);
    applied[category] = ['text'];
  }
  return {
    flagged: spec.flagged ?? Object.values(categories).some(Boolean),
    categories,
    category_scores: scores,
    category_applied_input_types: applied,
  };
}
