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
  const record = async (
    caller: TenantCaller,
    run: DrivenRun,
    event: Omit<ActivityEventInput, 'tenantId' | 'actor' | 'object' | 'origin'>,
  ) => {
    try {
      await recorder.record({
        ...event,
        tenantId: caller.tenantId as TenantId,
        actor: { type: 'user', id: caller.userId, role: caller.role },
        object: { type: 'conversation', id: run.conversationId },
        origin: caller.origin,
      });
    } catch (error) {
      logger.warn(
        { err: error, event: 'chat.activity_failed', action: event.action },
        'Activity not recorded',
      );
    }
  };
  return {
    async runStarted(caller, run, conversationCreated) {
      if (conversationCreated)
        await record(caller, run, { action: 'conversation.created', metadata: { agent: run.agentKey } });
      await record(caller, run, {
        action: 'conversation.message',
        metadata: { agent: run.agentKey, role: 'user' },
      });
      await record(caller, run, {
        action: 'conversation.run.started',
        metadata: { agent: run.agentKey, run_id: run.runId },
      });
    },
    async runCompleted(caller, run, outcome, now) {
      if (outcome.status === 'completed') {
        const agent = outcome.lastAgentKey ?? run.agentKey;
        await record(caller, run, { action: 'conversation.message', metadata: { agent, role: 'assistant' } });
      }
      // A paused run is not complete: it completes after its approvals, on the resumed drive.
      if (outcome.status === 'interrupted') return;
      await record(caller, run, {
        action: 'conversation.run.completed',
        status: outcome.status === 'completed' ? 'success' : 'failure',
        metadata: {
          agent: outcome.lastAgentKey ?? run.agentKey,
          run_id: run.runId,
          duration_ms: now.getTime() - run.startedAt.getTime(),
        },
      });
    },
  };
}
