import type { ConversationId, TenantId } from '@starter/contracts';
import { MEMORY_DEFAULTS } from './resolve-memory-strategy.js';

/** Summaries older than this are ignored on read (spec §3.4). */
export const SUMMARY_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

/** Which summaries: one conversation, one agent, inside one tenant. */
export interface SummaryScope {
  readonly tenantId: TenantId;
  readonly conversationId: ConversationId;
  readonly agentKey: string;
}

/** A cross-session summary (`conversation_summaries`). */
export interface ConversationSummary extends SummaryScope {
  readonly summaryText: string;
  readonly summaryTokens: number | null;
  /** 1 for the first summary of the scope, then +1 per save. */
  readonly version: number;
  readonly createdAt: Date;
}

/** Options of `SummaryStore.latest`. */
export interface LatestSummaryOptions {
  /** Truncate the text to this many characters (default 4 000). */
  readonly maxChars?: number | undefined;
}

/** Port: cross-session summaries per conversation and agent (spec §9.1 `conversation_summaries`). */
export interface SummaryStore {
  /** Appends a new version of the scope's summary. */
  save(
    scope: SummaryScope,
    summary: { text: string; tokens?: number | null | undefined },
  ): Promise<ConversationSummary>;
  /** The newest summary of the scope, or null when none is younger than 14 days. */
  latest(scope: SummaryScope, options?: LatestSummaryOptions): Promise<ConversationSummary | null>;
  /** Deletes every summary of a conversation (all agents), e.g. when the conversation is truncated. */
  clear(scope: Omit<SummaryScope, 'agentKey'>): Promise<number>;
}

/** Settings shared by the summary store implementations. */
export interface SummaryStoreOptions {
  /** Clock, for the 14-day cut-off (default `() => new Date()`). */
  readonly now?: (() => Date) | undefined;
  readonly maxAgeMs?: number | undefined;
}

/** Applies the read rules: age cut-off, then truncation to `maxChars`. */
export function readableSummary(
  summary: ConversationSummary | null | undefined,
  now: Date,
  maxAgeMs: number,
  maxChars: number | undefined,
): ConversationSummary | null {
  if (!summary || now.getTime() - summary.createdAt.getTime() > maxAgeMs) return null;
  const limit = maxChars ?? MEMORY_DEFAULTS.summaryMaxChars;
  if (summary.summaryText.length <= limit) return summary;
  return { ...summary, summaryText: summary.summaryText.slice(0, limit) };
}

/** An in-process `SummaryStore` for tests and database-less runs. */
export function createInMemorySummaryStore(options: SummaryStoreOptions = {}): SummaryStore {
  const now = options.now ?? (() => new Date());
  const maxAgeMs = options.maxAgeMs ?? SUMMARY_MAX_AGE_MS;
  const summaries: ConversationSummary[] = [];
  const sameConversation = (a: Omit<SummaryScope, 'agentKey'>, b: Omit<SummaryScope, 'agentKey'>): boolean =>
    a.tenantId === b.tenantId && a.conversationId === b.conversationId;
  const ofScope = (scope: SummaryScope): ConversationSummary[] =>
    summaries.filter((s) => sameConversation(s, scope) && s.agentKey === scope.agentKey);

  return {
    async save(scope, summary) {
      const version = Math.max(0, ...ofScope(scope).map((s) => s.version)) + 1;
      const saved: ConversationSummary = {
        tenantId: scope.tenantId,
        conversationId: scope.conversationId,
        agentKey: scope.agentKey,
        summaryText: summary.text,
        summaryTokens: summary.tokens ?? null,
        version,
        createdAt: now(),
      };
      summaries.push(saved);
      return saved;
    },
    async latest(scope, latestOptions = {}) {
      const newest = ofScope(scope).at(-1);
      return readableSummary(newest, now(), maxAgeMs, latestOptions.maxChars);
    },
    async clear(scope) {
      const before = summaries.length;
      const kept = summaries.filter((s) => !sameConversation(s, scope));
      summaries.splice(0, summaries.length, ...kept);
      return before - kept.length;
    },
  };
}
