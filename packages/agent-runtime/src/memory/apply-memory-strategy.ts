import type { AgentInputItem, ModelProvider, Session } from '@openai/agents';
import { AppError } from '@starter/contracts';
import { planCompact } from './compact-strategy.js';
import { historyStats } from './conversation-turns.js';
import type { MemoryStrategyCheckpoint } from './memory-checkpoint.js';
import type { EffectiveMemoryStrategy } from './resolve-memory-strategy.js';
import type { AgentSession } from './session-store.js';
import { planSummarize } from './summarize-strategy.js';
import { createModelSummarizer, type Summarizer } from './summarizer.js';
import type { SummaryScope, SummaryStore } from './summary-store.js';
import { planTrim } from './trim-strategy.js';

/** What strategies need besides the session: a summarizer (or a model provider to build one) and storage. */
export interface ApplyMemoryStrategyDeps {
  /** Used by `summarize` unless `summarizer` is given: `getModel(summarizerModel).getResponse(...)`. */
  readonly modelProvider?: ModelProvider | undefined;
  readonly summarizer?: Summarizer | undefined;
  /** Where `summarize` saves its summary for cross-session injection (skipped when absent). */
  readonly summaryStore?: SummaryStore | undefined;
  readonly summaryScope?: SummaryScope | undefined;
}

/**
 * Applies a strategy to a session's history before a turn and rewrites the session when it changes. Returns
 * the checkpoint for the run-event log, or null when the strategy is `none` or did not trigger.
 */
export async function applyMemoryStrategy(
  session: Session,
  strategy: EffectiveMemoryStrategy,
  deps: ApplyMemoryStrategyDeps = {},
): Promise<MemoryStrategyCheckpoint | null> {
  if (strategy.mode === 'none') return null;
  const items = await session.getItems();
  const before = historyStats(items);

  if (strategy.mode === 'trim') {
    const plan = planTrim(items, strategy);
    if (!plan) return null;
    await replaceSessionItems(session, plan.items);
    return checkpoint('trim', plan.triggerReason, before, plan.items);
  }

  if (strategy.mode === 'compact') {
    const plan = planCompact(items, strategy);
    if (!plan) return null;
    await replaceSessionItems(session, plan.items);
    return { ...checkpoint('compact', plan.triggerReason, before, plan.items), compaction: plan.details };
  }

  const summarizer =
    deps.summarizer ?? (deps.modelProvider && createModelSummarizer({ modelProvider: deps.modelProvider }));
  if (!summarizer) {
    throw new AppError(
      'InternalServerError',
      'The summarize memory strategy needs a summarizer or model provider.',
    );
  }
  const plan = await planSummarize(items, strategy, summarizer);
  if (!plan) return null;
  // Save first: a summary without the rewrite is harmless, a rewrite whose summary is lost is not.
  if (deps.summaryStore && deps.summaryScope) {
    await deps.summaryStore.save(deps.summaryScope, { text: plan.summary, tokens: plan.summaryTokens });
  }
  await replaceSessionItems(session, plan.items);
  return { ...checkpoint('summarize', plan.triggerReason, before, plan.items), summary: plan.summary };
}

/** Replaces a session's history: atomically for an `AgentSession`, by clear-then-add for any other SDK session. */
export async function replaceSessionItems(session: Session, items: AgentInputItem[]): Promise<void> {
  if (isAgentSession(session)) {
    await session.replaceItems(items);
    return;
  }
  await session.clearSession();
  await session.addItems(items);
}

function isAgentSession(session: Session): session is AgentSession {
  return typeof (session as Partial<AgentSession>).replaceItems === 'function';
}

function checkpoint(
  mode: MemoryStrategyCheckpoint['mode'],
  triggerReason: MemoryStrategyCheckpoint['triggerReason'],
  before: MemoryStrategyCheckpoint['before'],
  after: AgentInputItem[],
): MemoryStrategyCheckpoint {
  return { type: 'memory_checkpoint', mode, triggerReason, before, after: historyStats(after) };
}
