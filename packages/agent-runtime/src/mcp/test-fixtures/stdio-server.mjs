// A real MCP server over stdio for the pool tests: `node stdio-server.mjs`.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { registerFixtureTools } from './fixture-tools.mjs';

const server = new McpServer({ name: 'fixture-stdio', version: '1.0.0' });
registerFixtureTools(server, []);
await server.connect(new StdioServerTransport());
