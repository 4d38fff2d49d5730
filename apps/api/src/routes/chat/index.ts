import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Authorizer } from '../../auth/index.js';
import { type ChatService, createChatLimits, createChatService, createChatStores } from '../../chat/index.js';
import type { AppDependencies } from '../../dependencies/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { type ProtectedRoute, recordingAuthorizer } from '../tenants/recording-authorizer.js';
import { registerChatRunRoutes } from './chat-routes.js';
import { registerChatRunControlRoutes } from './chat-run-control-routes.js';

// One chat service per app (each `createApp` is one replica); looked up by app so hosts can close it.
const services = new WeakMap<object, ChatService>();

/** The chat service of an app built by `createApp`, e.g. to `close()` it on shutdown. */
export function chatServiceOf(app: object): ChatService | undefined {
  return services.get(app);
}

/** The chat routes (spec §1.11, §14 resumable streams and tool approval); returns them with their auth rule. */
export function registerChatRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: AppDependencies,
  authorizer: Authorizer,
): ProtectedRoute[] {
  const table: ProtectedRoute[] = [];
  const recorded = recordingAuthorizer(authorizer, table);
  const stores = createChatStores(deps);
  const now = () => deps.clock.date();
  const service = createChatService({
    ...stores,
    runtime: deps.agents.runtime,
    kv: deps.kv,
    activity: deps.identity.activity,
    logger: deps.logger,
    now,
  });
  const close = service.close.bind(service);
  // Closing the service also flushes this instance's ledger queue, after its runs have ended.
  services.set(app, {
    ...service,
    async close(timeoutMs) {
      await close(timeoutMs);
      await stores.ledger.close();
    },
  });
  const routeDeps = {
    service,
    limits: createChatLimits(deps.identity.rateLimiter, deps.settings.agents.chat),
    runtime: deps.agents.runtime,
    authorizer: recorded,
    logger: deps.logger,
    now,
  };
  registerChatRunRoutes(app, routeDeps);
  registerChatRunControlRoutes(app, routeDeps);
  return table;
}
