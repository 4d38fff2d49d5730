import { describe, expect, it } from 'vitest';
import { createDemoModelProvider } from '../models/demo-model-provider.js';
import { streamConversationTitle } from './conversation-title.js';

describe('streamConversationTitle', () => {
  it('streams the model text in chunks and stops at maxChars', async () => {
    const chunks: string[] = [];
    for await (const chunk of streamConversationTitle({
      modelProvider: createDemoModelProvider(),
      message: 'Plan a trip to Lisbon',
      maxChars: 40,
    })) {
      chunks.push(chunk);
    }
    expect(chunks.length).toBeGreaterThan(1);
    const title = chunks.join('');
    expect(title.length).toBeLessThanOrEqual(40);
    expect(title).toContain('Demo model reply to');
    expect(title).not.toMatch(/\n/);
  });
});
