import { z } from 'zod';

// Strict structured outputs need every property required: optional facts are nullable instead.
const newsItem = z.object({
  headline: z.string(),
  date: z.string().nullable(),
  source: z.string(),
  url: z.string(),
});

const keyPerson = z.object({ name: z.string(), role: z.string(), url: z.string().nullable() });

const source = z.object({
  title: z.string(),
  url: z.string(),
  type: z.enum(['news', 'docs', 'marketing', 'other']),
});

/** `CompanyIntelBrief` (spec §3.2): the structured output of the `company_intel` agent. */
export const companyIntelBriefSchema = z.object({
  company_name: z.string(),
  canonical_url: z.string(),
  summary: z.string(),
  offerings: z.array(z.string()),
  positioning: z.string(),
  target_customers: z.array(z.string()),
  differentiators: z.array(z.string()),
  pricing_signals: z.string(),
  recent_news: z.array(newsItem),
  risks_or_concerns: z.array(z.string()),
  key_people: z.array(keyPerson),
  sources: z.array(source),
});

export type CompanyIntelBrief = z.infer<typeof companyIntelBriefSchema>;
