import { Agent, Runner } from '@openai/agents';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDemoModelProvider } from '../models/demo-model-provider.js';
import type { AgentRunContext } from '../runtime/run-context.js';
import { defineFunctionTool } from './define-function-tool.js';

const context: AgentRunContext = {
  runId: 'run-1',
  tenantId: 'tenant-a',
  userId: 'user-1',
  conversationId: 'conv-now',
  requestMessage: 'hi',
  environment: 'test',
};

function demoRunner() {
  return new Runner({ modelProvider: createDemoModelProvider(), tracingDisabled: true });
}

describe('defineFunctionTool with needsApproval', () => {
  it('interrupts the run, then completes after approval', async () => {
    const deleted: string[] = [];
    const deleteFile = defineFunctionTool({
      name: 'delete_file',
      description: 'Deletes a file.',
      parameters: z.object({ path: z.string() }),
      needsApproval: (runContext, { path }) => runContext.context.tenantId !== null && path.endsWith('.txt'),
      execute: ({ path }, runContext) => {
        deleted.push(`${runContext?.context.tenantId}:${path}`);
        return `deleted ${path}`;
      },
    });
    const agent = new Agent<AgentRunContext>({
      name: 'Assistant',
      instructions: 'Use tools.',
      tools: [deleteFile],
    });
    const runner = demoRunner();

    const first = await runner.run(agent, 'use tool delete_file {"path":"notes.txt"}', { context });
    expect(first.interruptions).toHaveLength(1);
    const [interruption] = first.interruptions;
    expect(interruption?.name).toBe('delete_file');
    expect(deleted).toEqual([]);

    if (interruption === undefined) throw new Error('missing interruption');
    first.state.approve(interruption);
    const resumed = await runner.run(agent, first.state);
    expect(resumed.interruptions).toEqual([]);
    expect(deleted).toEqual(['tenant-a:notes.txt']);
    expect(resumed.finalOutput).toContain('deleted notes.txt');
  });

  it('runs at once when the policy says no approval is needed', async () => {
    const echo = defineFunctionTool({
      name: 'echo',
      description: 'Echoes.',
      parameters: z.object({ text: z.string() }),
      needsApproval: async (_runContext, { text }) => text === 'dangerous',
      execute: ({ text }) => `echo ${text}`,
    });
    const agent = new Agent<AgentRunContext>({
      name: 'Assistant',
      instructions: 'Use tools.',
      tools: [echo],
    });
    const result = await demoRunner().run(agent, 'use tool echo {"text":"safe"}', { context });
    expect(result.interruptions).toEqual([]);
    expect(result.finalOutput).toContain('echo safe');
  });
});
