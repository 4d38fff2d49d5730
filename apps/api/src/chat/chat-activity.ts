import type { AgentRunOutcome } from '@starter/agent-runtime';
import type { Logger, TenantId } from '@starter/contracts';
import type { ActivityEventInput, ActivityRecorder, TenantCaller } from '@starter/identity';
import type { DrivenRun } from './chat-run-driver.js';

/** The conversation activity of chat runs (§10.3); best effort: a failed write never fails a run. */
export interface ChatActivity {
  runStarted(caller: TenantCaller, run: DrivenRun, conversationCreated: boolean): Promise<void>;
  runCompleted(caller: TenantCaller, run: DrivenRun, outcome: AgentRunOutcome, now: Date): Promise<void>;
}

/** Creates the chat activity writer on the identity activity recorder. */
export function chatActivity(recorder: ActivityRecorder, logger: Logger): ChatActivity {
  // One INSERT per call, the events in order; a failure is logged and never fails the run.
  const record = async (
    caller: TenantCaller,
    run: DrivenRun,
    events: readonly Omit<ActivityEventInput, 'tenantId' | 'actor' | 'object' | 'origin'>[],
  ) => {
    try {
      await recorder.recordMany(
        events.map((event) => ({
          ...event,
          tenantId: caller.tenantId as TenantId,
          actor: { type: 'user', id: caller.userId, role: caller.role },
          object: { type: 'conversation', id: run.conversationId },
          origin: caller.origin,
        })),
      );
    } catch (error) {
      logger.warn(
        { err: error, event: 'chat.activity_failed', actions: events.map((event) => event.action) },
        'Activity not recorded',
      );
    }
  };
  return {
    async runStarted(caller, run, conversationCreated) {
      await record(caller, run, [
        ...(conversationCreated
          ? [{ action: 'conversation.created' as const, metadata: { agent: run.agentKey } }]
          : []),
        { action: 'conversation.message', metadata: { agent: run.agentKey, role: 'user' } },
        { action: 'conversation.run.started', metadata: { agent: run.agentKey, run_id: run.runId } },
      ]);
    },
    async runCompleted(caller, run, outcome, now) {
      // A paused run is not complete: it completes after its approvals, on the resumed drive.
      if (outcome.status === 'interrupted') return;
      const agent = outcome.lastAgentKey ?? run.agentKey;
      await record(caller, run, [
        ...(outcome.status === 'completed'
          ? [{ action: 'conversation.message' as const, metadata: { agent, role: 'assistant' } }]
          : []),
        {
          action: 'conversation.run.completed',
          status: outcome.status === 'completed' ? 'success' : 'failure',
          metadata: { agent, run_id: run.runId, duration_ms: now.getTime() - run.startedAt.getTime() },
        },
      ]);
    },
  };
}
