import type { OpenAPIHono } from '@hono/zod-openapi';
import { createKyselyConversationStore } from '@starter/agent-runtime';
import type { Authorizer } from '../../auth/index.js';
import type { AppDependencies } from '../../dependencies/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { type ProtectedRoute, recordingAuthorizer } from '../tenants/recording-authorizer.js';
import { createCleanupTransaction } from './conversation-cleanup-transaction.js';
import { registerConversationLedgerRoutes } from './conversation-ledger-routes.js';
import { registerConversationReadRoutes } from './conversation-read-routes.js';
import type { ConversationRouteDeps } from './conversation-route-deps.js';
import { registerConversationTitleRoute } from './conversation-title-route.js';
import { registerConversationWriteRoutes } from './conversation-write-routes.js';
import { type ConversationLedger, ledgerStoreFor } from './ledger-store-for.js';

export type { CleanupStores, CleanupTransaction } from './conversation-cleanup-transaction.js';
export type { ConversationRouteDeps } from './conversation-route-deps.js';
export { type ConversationLedger, ledgerStoreFor } from './ledger-store-for.js';

/** The conversation routes' dependencies from the app's (tests may pass another ledger). */
export function conversationRouteDeps(
  deps: AppDependencies,
  authorizer: Authorizer,
  ledger: ConversationLedger = ledgerStoreFor(deps),
): ConversationRouteDeps {
  const { db, runtime } = deps.agents;
  const now = () => deps.clock.date();
  return {
    store: createKyselyConversationStore(db, { clock: now }),
    ledger,
    cleanup: createCleanupTransaction(db, ledger, { now }),
    activity: deps.identity.activity,
    runtime,
    titleModel: deps.settings.agents.models.defaultModel,
    logger: deps.logger,
    authorizer,
  };
}

/** Mounts the twelve routes of spec §1.12 on already-built route dependencies. */
export function mountConversationRoutes(app: OpenAPIHono<AppEnv>, routeDeps: ConversationRouteDeps): void {
  registerConversationReadRoutes(app, routeDeps);
  registerConversationWriteRoutes(app, routeDeps);
  registerConversationTitleRoute(app, routeDeps);
  registerConversationLedgerRoutes(app, routeDeps);
}

/** The conversations routes; returns them with their auth rule. */
export function registerConversationsRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: AppDependencies,
  authorizer: Authorizer,
): ProtectedRoute[] {
  const table: ProtectedRoute[] = [];
  mountConversationRoutes(app, conversationRouteDeps(deps, recordingAuthorizer(authorizer, table)));
  return table;
}
