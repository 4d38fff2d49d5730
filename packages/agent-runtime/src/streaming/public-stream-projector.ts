import {
  type EventScope,
  type PublicSseEvent,
  type WorkflowContext,
  WorkflowContextSchema,
} from '@starter/contracts';
import type { AgentStreamEvent } from './agent-stream-event.js';
import type { CollectedArtifact } from './collected-artifacts.js';
import { sequenceOf, stringField } from './output-items.js';
import { emitApprovalDecision, type ResumedApproval, startResumedApprovals } from './project-approvals.js';
import { emitFinish, type FinishContext } from './project-final.js';
import { projectFunctionArguments, projectFunctionRunItem } from './project-function-tools.js';
import { projectHostedToolEvent } from './project-hosted-tools.js';
import { projectMcpEvent } from './project-mcp-tools.js';
import { projectMessageEvent, projectTextDelta } from './project-message-events.js';
import { projectOutputItemEvent } from './project-output-items.js';
import { emitError, projectAgentUpdated, projectLifecycleEvent } from './project-run-events.js';
import {
  createEventCounter,
  createProjectorState,
  defaultTimestamp,
  type EventCounter,
  type ProjectionContext,
  stampDelta,
  stampEnvelope,
  type ToolFailureCheck,
} from './projector-state.js';
import { isSdkToolFailure } from './tool-failure.js';

/** Settings of one public stream. */
export interface PublicStreamProjectorOptions {
  readonly streamId: string;
  /** Falls back to `"unknown"` before the conversation is known (§2.2). */
  readonly conversationId?: string | null | undefined;
  readonly clock?: (() => Date) | undefined;
  /** The agent the run starts with (otherwise the SDK's first agent update sets it silently). */
  readonly agent?: string | null | undefined;
  /** Function tools that run another agent, reported as `agent` tools: tool name → agent key (or null). */
  readonly agentToolNames?: ReadonlyMap<string, string | null> | readonly string[] | undefined;
  /** Recognizes handoff transfer tools; default: names starting with `transfer_to_`. */
  readonly isHandoffTool?: ((name: string) => boolean) | undefined;
  /** First-party download URL of a container file; default: `/api/v1/openai/containers/{cid}/files/{fid}/download`. */
  readonly containerFileUrl?:
    | ((containerId: string, fileId: string, filename: string | null) => string)
    | undefined;
  /** Stamped on every frame of a workflow stream (§2.2); validated here, changed per step with `setWorkflow`. */
  readonly workflow?: WorkflowContext | null | undefined;
  /**
   * Set on the stream of a run resumed from a paused `RunState`: the paused calls and the user's
   * decisions. They open the stream as `tool.approval` events, then each call continues its states.
   */
  readonly resumedApprovals?: readonly ResumedApproval[] | undefined;
  /**
   * Tells a failed tool's output from a result; default {@link isSdkToolFailure} (the SDK's default
   * error and timeout outputs). A failed call ends `failed` with its output under `error`.
   */
  readonly isToolFailure?: ToolFailureCheck | undefined;
  /** Hears about finish-context attachments dropped because they break the `RunAttachment` contract. */
  readonly onInvalidAttachment?: ((attachment: unknown, problem: string) => void) | undefined;
  /** Set on child projectors of agent-as-tool runs; they share the parent's counter. */
  readonly scope?: EventScope | undefined;
  readonly counter?: EventCounter | undefined;
  /** Set on scoped children: where the envelope's response id and agent come from. */
  readonly envelopeOwner?: (() => { responseId: string | null; agent: string | null }) | undefined;
}

/** Maps one stream's {@link AgentStreamEvent}s to `public_sse_v1` frames (spec §2). */
export interface PublicStreamProjector {
  /** The frames one internal event produces; nothing once a terminal was emitted. */
  project(event: AgentStreamEvent): PublicSseEvent[];
  /**
   * Frames of a nested agent-as-tool run, projected by a child projector per tool call that shares this
   * stream's counter and carries `scope`; `agent` names the nested agent.
   */
  projectScoped(toolCallId: string, agent: string | null, event: AgentStreamEvent): PublicSseEvent[];
  /** Emits the root terminal (`final` or `error`) unless one was already emitted. */
  finish(context?: FinishContext): PublicSseEvent[];
  /**
   * Moves a workflow stream to its next step: later frames carry the new coordinates (§2.2) and the
   * step's agent. One projector spans the workflow run, so `event_id` and `output_index` keep growing.
   */
  setWorkflow(workflow: WorkflowContext | null): void;
  /**
   * Images generated and container files cited so far (nested agent-tool runs included), for the
   * runtime to store and pass back as `FinishContext.attachments`.
   */
  collectedArtifacts(): CollectedArtifact[];
  /** True once the terminal event is out. */
  readonly terminated: boolean;
}

function defaultContainerFileUrl(conversationId: string) {
  return (containerId: string, fileId: string, filename: string | null) => {
    const query = new URLSearchParams({ conversation_id: conversationId, ...(filename ? { filename } : {}) });
    return `/api/v1/openai/containers/${encodeURIComponent(containerId)}/files/${encodeURIComponent(fileId)}/download?${query}`;
  };
}

function toAgentMap(
  names: PublicStreamProjectorOptions['agentToolNames'],
): ReadonlyMap<string, string | null> {
  if (names === undefined) return new Map();
  if (Array.isArray(names)) return new Map((names as readonly string[]).map((name) => [name, null]));
  return names as ReadonlyMap<string, string | null>;
}

function validateApprovals(approvals: readonly ResumedApproval[]): void {
  for (const approval of approvals) {
    if (!approval.toolCallId || !approval.toolName || typeof approval.approved !== 'boolean')
      throw new TypeError('resumedApprovals entries need a toolCallId, a toolName and an approved flag');
  }
}

/** Creates the stateful projector of one public stream (one per chat turn or workflow run). */
export function createPublicStreamProjector(options: PublicStreamProjectorOptions): PublicStreamProjector {
  const conversationId = options.conversationId || 'unknown';
  const state = createProjectorState(options.agent ?? null);
  // Options are checked once, here, so a bad workflow context fails the caller, not a frame mid-stream.
  let workflow = options.workflow ? WorkflowContextSchema.parse(options.workflow) : null;
  const pendingApprovals = options.resumedApprovals ?? [];
  validateApprovals(pendingApprovals);
  let started = false;
  const settings = {
    streamId: options.streamId,
    conversationId,
    clock: options.clock ?? (() => new Date()),
    timestamp: options.clock === undefined ? defaultTimestamp : undefined,
    counter: options.counter ?? createEventCounter(),
    workflow: () => workflow,
    scope: options.scope,
    envelopeOwner: options.envelopeOwner,
  };
  const children = new Map<string, PublicStreamProjector>();
  let out: PublicSseEvent[] = [];
  const ctx: ProjectionContext = {
    state,
    options: {
      conversationId,
      agentToolAgents: toAgentMap(options.agentToolNames),
      isHandoffTool: options.isHandoffTool ?? ((name) => name.startsWith('transfer_to_')),
      containerFileUrl: options.containerFileUrl ?? defaultContainerFileUrl(conversationId),
      isToolFailure: options.isToolFailure ?? isSdkToolFailure,
      onInvalidAttachment: options.onInvalidAttachment ?? (() => {}),
    },
    emit: (kind, body, extras) => {
      out.push(stampEnvelope(settings, state, kind, body, extras) as PublicSseEvent);
    },
    emitDelta: (kind, position, index, delta, providerSequence) => {
      out.push(stampDelta(settings, state, kind, position, index, delta, providerSequence) as PublicSseEvent);
    },
  };

  /** Clears the frame list for one call; false once the terminal is out (nothing more is emitted). */
  const begin = (): boolean => {
    if (state.terminated) return false;
    out = [];
    if (!started) {
      started = true;
      startResumedApprovals(ctx, pendingApprovals);
    }
    return true;
  };

  const childFor = (toolCallId: string, agent: string | null): PublicStreamProjector => {
    const known = children.get(toolCallId);
    if (known) return known;
    const tool = state.callIds.get(toolCallId)?.tool;
    const toolName = tool?.tool_type === 'agent' || tool?.tool_type === 'function' ? tool.name : null;
    const child = createPublicStreamProjector({
      ...options,
      workflow,
      resumedApprovals: undefined,
      agent,
      counter: settings.counter,
      scope: { type: 'agent_tool', tool_call_id: toolCallId, tool_name: toolName, agent },
      envelopeOwner: () => ({ responseId: state.responseId, agent: state.agent }),
    });
    children.set(toolCallId, child);
    return child;
  };

  const projectRaw = (event: Extract<AgentStreamEvent, { type: 'raw_response' }>['event']) => {
    // Text deltas are most of a stream's events: they skip the families' checks (and only come here).
    if (event.type === 'response.output_text.delta') {
      projectTextDelta(ctx, event);
      return;
    }
    if (event.type === 'error') {
      emitError(
        ctx,
        'provider',
        stringField(event, 'message') ?? '',
        stringField(event, 'code'),
        sequenceOf(event),
      );
      return;
    }
    // Each family claims its own events; anything unclaimed is provider detail the client never needs.
    projectLifecycleEvent(ctx, event) ||
      projectOutputItemEvent(ctx, event) ||
      projectMessageEvent(ctx, event) ||
      projectFunctionArguments(ctx, event) ||
      projectHostedToolEvent(ctx, event) ||
      projectMcpEvent(ctx, event);
  };

  const dispatch = (event: AgentStreamEvent) => {
    switch (event.type) {
      case 'raw_response':
        projectRaw(event.event);
        break;
      case 'run_item':
        projectFunctionRunItem(ctx, event.name, event.item);
        break;
      case 'agent_updated':
        projectAgentUpdated(ctx, event.agent);
        break;
      case 'memory_compaction':
        ctx.emit('memory.checkpoint', { checkpoint: event.checkpoint });
        break;
      case 'tool_approval_decision': {
        const call = state.callIds.get(event.toolCallId);
        if (call) emitApprovalDecision(ctx, call, event);
        break;
      }
      case 'error':
        emitError(ctx, event.source, event.message, event.code);
        break;
      case 'guardrail_result':
        // Guardrail verdicts are internal (§2.5): they never reach the public stream.
        break;
    }
  };

  return {
    project: (event) => {
      if (!begin()) return [];
      dispatch(event);
      return out;
    },
    // Terminals belong to the root stream (§2.3): a scoped child's run ends in the parent's `tool.output`.
    projectScoped: (toolCallId, agent, event) => {
      if (state.terminated) return [];
      // A nested run's failure reaches the client as the agent tool's failed output, not as a terminal.
      if (event.type === 'error' || (event.type === 'raw_response' && event.event.type === 'error'))
        return [];
      return childFor(toolCallId, agent).project(event);
    },
    finish: (context = {}) => {
      if (options.scope || !begin()) return [];
      emitFinish(ctx, context);
      return out;
    },
    setWorkflow: (next) => {
      workflow = next ? WorkflowContextSchema.parse(next) : null;
      // A new step runs its own agent: that is not a handoff, so the envelope switches silently.
      if (workflow?.step_agent && !options.scope) state.agent = workflow.step_agent;
      for (const child of children.values()) child.setWorkflow(workflow);
    },
    collectedArtifacts: () => [
      ...state.artifacts.values(),
      ...[...children.values()].flatMap((child) => child.collectedArtifacts()),
    ],
    get terminated() {
      return state.terminated;
    },
  };
}
