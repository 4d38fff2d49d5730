import { createRoute, type RouteConfig, type z } from '@hono/zod-openapi';
import type { AgentRuntime, KyselyConversationStore } from '@starter/agent-runtime';
import { AppError, type Logger } from '@starter/contracts';
import type { ActivityRecorder } from '@starter/identity';
import type { Context } from 'hono';
import type { Authorizer, AuthRequirement } from '../../auth/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import type { CleanupTransaction } from './conversation-cleanup-transaction.js';
import { ConversationParamSchema } from './conversation-schemas.js';
import type { ConversationLedger } from './ledger-store-for.js';

/** What the conversation routes (spec §1.12) run on. */
export interface ConversationRouteDeps {
  store: KyselyConversationStore;
  ledger: ConversationLedger;
  /** One transaction over every table a truncation or a clear writes (see conversation-cleanup.ts). */
  cleanup: CleanupTransaction;
  activity: ActivityRecorder;
  /** The model provider that writes titles (the demo model without OPENAI_API_KEY). */
  runtime: Pick<AgentRuntime, 'modelProvider'>;
  /** AGENT_MODEL_DEFAULT for titles; the provider's default when unset. */
  titleModel: string | undefined;
  logger: Logger;
  authorizer: Authorizer;
}

/** Mount point of the conversation routes. */
export const CONVERSATIONS_PATH = '/api/v1/conversations';
export const tags = ['Conversations'];

/** §1.12 rules: S(x) + T(role). */
export const READ: AuthRequirement = { kind: 'T', role: 'viewer', scopes: ['conversations:read'] };
export const WRITE: AuthRequirement = { kind: 'T', role: 'viewer', scopes: ['conversations:write'] };
export const ADMIN_WRITE: AuthRequirement = { kind: 'T', role: 'admin', scopes: ['conversations:write'] };
export const ADMIN_DELETE: AuthRequirement = { kind: 'T', role: 'admin', scopes: ['conversations:delete'] };

/** The store scope of a request: always the verified tenant, never a body or query value. */
export function tenantScope(c: Context<AppEnv>): { tenantId: string } {
  return { tenantId: c.get('tenant').tenantId };
}

/** JSON content of one schema. */
export const json = <T>(schema: T) => ({ 'application/json': { schema } }) as const;

/** Headers of every SSE answer (spec §2.1, §0: any origin). */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
  'access-control-allow-origin': '*',
} as const;

/** Throws NotFound unless the conversation exists in the caller's tenant (another tenant's looks absent). */
export async function assertConversation(
  store: Pick<KyselyConversationStore, 'get'>,
  scope: { tenantId: string },
  id: string,
): Promise<void> {
  if ((await store.get(scope, id)) === null) throw new AppError('NotFound', 'Conversation not found.');
}

/** `GET /conversations/{id}/<suffix>`: one keyset page of something under a conversation. */
export function conversationPageRoute<
  Query extends NonNullable<NonNullable<RouteConfig['request']>['query']>,
  Page extends z.ZodType,
>(suffix: string, summary: string, query: Query, page: Page) {
  return createRoute({
    method: 'get',
    path: `${CONVERSATIONS_PATH}/{id}/${suffix}`,
    tags,
    summary,
    request: { params: ConversationParamSchema, query },
    responses: {
      200: { description: 'A page', content: json(page) },
      400: errorResponse('Malformed cursor, or a cursor of another list'),
      404: errorResponse('No such conversation in the tenant'),
    },
  });
}
