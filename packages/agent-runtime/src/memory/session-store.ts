import type { AgentInputItem, Session } from '@openai/agents';
import { AppError, type TenantId } from '@starter/contracts';

/** Which SDK session: a session id inside one tenant. */
export interface SessionScope {
  readonly tenantId: TenantId;
  readonly sessionId: string;
}

/** An Agents SDK `Session` that can also swap its whole history atomically (used by memory strategies). */
export interface AgentSession extends Session {
  /** Replaces every stored item with `items`, all or nothing. */
  replaceItems(items: AgentInputItem[]): Promise<void>;
}

/** Port: hands out tenant-scoped SDK sessions (spec §9.1 `sdk_agent_sessions`). */
export interface AgentSessionStore {
  /** The session for a scope; creating it costs nothing until items are written. */
  session(scope: SessionScope): AgentSession;
}

/** Session ids are caller-chosen (usually the conversation id): bound them before they reach storage. */
export function assertSessionScope(scope: SessionScope): void {
  if (scope.sessionId.length === 0 || scope.sessionId.length > 255) {
    throw new AppError('ValidationError', 'A session id must have 1 to 255 characters.');
  }
  if (scope.tenantId.length === 0) {
    throw new AppError('ValidationError', 'A session needs a tenant.');
  }
}
