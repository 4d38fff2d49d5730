import type { AgentInputItem } from '@openai/agents';
import type { MessageRecord } from './conversation-store.js';

/**
 * The SDK session history rebuilt from the visible transcript, for after a truncation (spec §13.3): the
 * user and assistant messages as plain message items. Tool calls and compaction state of the removed
 * session are not recoverable from messages and are dropped.
 */
export function sessionItemsFromMessages(messages: readonly MessageRecord[]): AgentInputItem[] {
  return messages.flatMap((message): AgentInputItem[] => {
    if (message.role === 'user') return [{ type: 'message', role: 'user', content: message.content }];
    if (message.role === 'assistant') {
      return [
        {
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: message.content }],
        },
      ];
    }
    return [];
  });
}
