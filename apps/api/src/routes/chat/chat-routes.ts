import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { type AgentRuntime, agentOutputJsonSchemaOf } from '@starter/agent-runtime';
import { AppError, type Logger } from '@starter/contracts';
import type { Authorizer } from '../../auth/index.js';
import { AgentChatRequestSchema, type ChatLimits, type ChatService } from '../../chat/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { tenantCaller } from '../tenants/tenant-caller.js';
import { CHAT_PREFIX, CHAT_REQUIREMENT } from './chat-route-deps.js';
import { ChatResponseSchema, SSE_CONTENT } from './chat-schemas.js';
import { followResponse } from './follow-response.js';

/** What the two chat routes need. */
export interface ChatRouteDeps {
  readonly service: ChatService;
  readonly limits: ChatLimits;
  readonly runtime: AgentRuntime;
  readonly authorizer: Authorizer;
  readonly logger: Logger;
  readonly now: () => Date;
}

const body = { required: true, content: { 'application/json': { schema: AgentChatRequestSchema } } };

/** `POST /chat` (synchronous) and `POST /chat/stream` (SSE), spec §1.11. */
export function registerChatRunRoutes(app: OpenAPIHono<AppEnv>, deps: ChatRouteDeps): void {
  const { service, limits, runtime, authorizer } = deps;

  const chat = createRoute({
    method: 'post',
    path: CHAT_PREFIX,
    tags: ['Chat'],
    summary: 'Run an agent and wait for its answer',
    request: { body },
    responses: {
      200: { description: 'The answer', content: { 'application/json': { schema: ChatResponseSchema } } },
    },
  });
  app.openapi(authorizer.protect(chat, CHAT_REQUIREMENT), async (c) => {
    const caller = tenantCaller(c);
    await limits.enforceChat(caller.tenantId, caller.userId);
    const started = await service.startRun(caller, c.req.valid('json'));
    const outcome = await started.outcome;
    if (outcome.status === 'failed') {
      throw outcome.error instanceof AppError
        ? outcome.error
        : new AppError('InternalServerError', 'Internal server error.', { cause: outcome.error });
    }
    const agentUsed = outcome.lastAgentKey ?? started.agentKey;
    const response =
      outcome.responseText ??
      (outcome.structuredOutput === null ? '' : JSON.stringify(outcome.structuredOutput));
    return c.json(
      {
        conversation_id: started.conversationId,
        response,
        agent_used: agentUsed,
        handoff_occurred: agentUsed !== started.agentKey,
        attachments: [],
        structured_output: outcome.structuredOutput,
        output_schema: runtime.agents.has(agentUsed)
          ? agentOutputJsonSchemaOf(runtime.agents.get(agentUsed))
          : null,
        metadata: {
          run_id: started.runId,
          stream_id: started.streamId,
          status: outcome.status,
          usage: outcome.usage,
          pending_approvals: outcome.pendingApprovals.map((call) => ({
            tool_call_id: call.toolCallId,
            tool_name: call.toolName,
            arguments: call.arguments,
          })),
        },
      },
      200,
    );
  });

  const stream = createRoute({
    method: 'post',
    path: `${CHAT_PREFIX}/stream`,
    tags: ['Chat'],
    summary: 'Run an agent as a public_sse_v1 stream (resumable: every frame has an id)',
    request: { body },
    responses: { 200: { description: 'The run as Server-Sent Events', content: SSE_CONTENT } },
  });
  app.openapi(authorizer.protect(stream, CHAT_REQUIREMENT), async (c) => {
    const caller = tenantCaller(c);
    const lease = await limits.acquireStream(caller.tenantId, caller.userId);
    const request = c.req.valid('json');
    // Streaming and resuming share one path: this response follows the new run from its first frame.
    return followResponse(
      c,
      deps,
      async (signal) => (await service.streamRun(caller, request, lease, signal)).follower,
    );
  });
}
