import type { ModelUsageReport } from './model-usage.js';

/**
 * Internal events of a run: they go to run-event logs and metrics, never to the public stream (§5.1).
 * Areas add their own `type`s (guardrail results and summaries, memory checkpoints).
 */
export type RuntimeEvent =
  | ({ readonly type: 'model_usage' } & ModelUsageReport)
  | { readonly type: 'run_started'; readonly runId: string; readonly agentKey: string }
  | {
      readonly type: 'run_finished';
      readonly runId: string;
      readonly status: AgentRunStatus;
      readonly lastAgentKey: string | null;
    }
  | { readonly type: string; readonly [key: string]: unknown };

/** How a run ended. `interrupted`: paused on tool approvals, resumable from its saved state. */
export type AgentRunStatus = 'completed' | 'failed' | 'cancelled' | 'interrupted';

/** Receives a run's internal events. Must not throw; it is called synchronously on the run's path. */
export type RuntimeEventSink = (event: RuntimeEvent) => void;
