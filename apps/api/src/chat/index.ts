// The chat service: runs driven in the background, followed, cancelled and resumed from any replica.
export * from './chat-limits.js';
export type { ChatConversationPort, ChatLedgerPort, ChatUsagePort } from './chat-ports.js';
export * from './chat-request.js';
export { frameJson } from './chat-run-channel.js';
export * from './chat-run-follower.js';
export * from './chat-service.js';
export * from './chat-stores.js';
