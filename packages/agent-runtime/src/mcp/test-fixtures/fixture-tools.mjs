// Tools shared by the stdio and Streamable HTTP test servers. Plain JS so `node` runs it without a build.
import { z } from 'zod';

/** Registers add / echo / whoami / delete_file / secret on an McpServer; `calls` records every execution. */
export function registerFixtureTools(server, calls) {
  const text = (value) => ({ content: [{ type: 'text', text: value }] });
  server.registerTool(
    'add',
    { description: 'Adds two numbers.', inputSchema: { a: z.number(), b: z.number() } },
    async ({ a, b }) => {
      calls.push({ tool: 'add', args: { a, b } });
      return text(String(a + b));
    },
  );
  server.registerTool(
    'echo',
    { description: 'Echoes a message.', inputSchema: { message: z.string() } },
    async ({ message }) => {
      calls.push({ tool: 'echo', args: { message } });
      return text(`echo: ${message}`);
    },
  );
  server.registerTool('whoami', { description: 'Reports FIXTURE_NAME from the environment.' }, async () => {
    calls.push({ tool: 'whoami', args: {} });
    return text(`name=${process.env.FIXTURE_NAME ?? 'unset'}`);
  });
  server.registerTool(
    'delete_file',
    { description: 'Deletes a file.', inputSchema: { path: z.string() } },
    async ({ path }) => {
      calls.push({ tool: 'delete_file', args: { path } });
      return text(`deleted ${path}`);
    },
  );
  server.registerTool('secret', { description: 'Reveals a secret.' }, async () => {
    calls.push({ tool: 'secret', args: {} });
    return text('the secret');
  });
  // Lets a test ask the server what ran, through the same connection the agent used.
  server.registerTool('call_log', { description: 'Lists the tool calls so far.' }, async () =>
    text(JSON.stringify(calls)),
  );
}
