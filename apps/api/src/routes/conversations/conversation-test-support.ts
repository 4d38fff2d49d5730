import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { createKyselyConversationStore, type KyselyConversationStore } from '@starter/agent-runtime';
import { createAuthorizer } from '../../auth/index.js';
import type { AppDependencies } from '../../dependencies/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { validationHook } from '../../http/errors/validation-hook.js';
import { applyHttpStack } from '../../http/http-stack.js';
import type { CleanupStores, CleanupTransaction } from './conversation-cleanup-transaction.js';
import { conversationRouteDeps, mountConversationRoutes } from './index.js';
import type { ConversationLedger } from './ledger-store-for.js';

/** The conversation store on the test app's database (chat routes are not needed to seed). */
export function testStore(deps: AppDependencies): KyselyConversationStore {
  return createKyselyConversationStore(deps.agents.db);
}

/** Creates a conversation of the tenant with the given user/assistant turns; returns its id. */
export async function seedConversation(
  store: KyselyConversationStore,
  tenantId: string,
  turns: readonly [user: string, assistant: string][],
  agentKey = 'triage',
): Promise<string> {
  const id = randomUUID();
  await store.ensure({ tenantId }, { id, userId: null, agentKey });
  for (const [index, [user, assistant]] of turns.entries()) {
    await store.appendMessage({ tenantId }, id, { role: 'user', content: user });
    await store.appendMessage({ tenantId }, id, {
      role: 'assistant',
      content: assistant,
      runId: `run_${index}`,
      agent: agentKey,
    });
  }
  return id;
}

/** What {@link conversationAppWith} replaces: the ledger, and the stores of each cleanup transaction. */
export interface ConversationAppOverrides {
  readonly ledger?: ConversationLedger;
  /** Wraps the transaction's stores, e.g. to make one step fail part-way. */
  readonly stores?: (stores: CleanupStores) => CleanupStores;
}

/**
 * An app with only the conversation routes, on the real auth and HTTP stack, with the ledger or the
 * cleanup stores replaced (recording fakes, or real stores with a step that fails).
 */
export function conversationAppWith(
  deps: AppDependencies,
  overrides: ConversationAppOverrides,
): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  applyHttpStack(app, {
    logger: deps.logger,
    metrics: deps.metrics,
    cors: deps.settings.cors,
    maxBodyBytes: deps.settings.maxRequestBodyBytes,
  });
  const authorizer = createAuthorizer({
    tokens: deps.identity.tokens,
    requireEmailVerification: deps.settings.auth.requireEmailVerification,
    loadTenant: async (id) => (await deps.identity.repositories.tenants.findById(id)) ?? null,
    logger: deps.logger,
  });
  const routeDeps = conversationRouteDeps(deps, authorizer, overrides.ledger);
  const wrap = overrides.stores;
  const cleanup: CleanupTransaction =
    wrap === undefined ? routeDeps.cleanup : (work) => routeDeps.cleanup((stores) => work(wrap(stores)));
  mountConversationRoutes(app, { ...routeDeps, cleanup });
  return app;
}
