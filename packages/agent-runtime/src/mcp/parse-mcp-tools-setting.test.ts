import { AppError } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { parseMcpToolsSetting } from './parse-mcp-tools-setting.js';

const hosted = { name: 'drive', server_label: 'drive', server_url: 'https://mcp.example.com/mcp' };

function failure(value: unknown): AppError {
  try {
    parseMcpToolsSetting(value);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected MCP_TOOLS to be rejected');
}

describe('parseMcpToolsSetting: hosted entries', () => {
  it('parses a JSON string into camelCased configs with defaults', () => {
    expect(parseMcpToolsSetting(JSON.stringify([hosted]))).toEqual([
      {
        name: 'drive',
        serverLabel: 'drive',
        transport: 'hosted',
        serverUrl: 'https://mcp.example.com/mcp',
        requireApproval: 'always',
        autoApproveTools: [],
        denyTools: [],
      },
    ]);
  });

  it('maps every optional field', () => {
    const [config] = parseMcpToolsSetting([
      {
        name: 'mail',
        server_label: 'gmail',
        transport: 'hosted',
        connector_id: 'connector_gmail',
        authorization: 'tok',
        require_approval: { search: 'never', send: 'always' },
        allowed_tools: ['search', 'send'],
        description: 'Mail',
        auto_approve_tools: ['search'],
        deny_tools: ['delete'],
      },
    ]);
    expect(config).toEqual({
      name: 'mail',
      serverLabel: 'gmail',
      transport: 'hosted',
      connectorId: 'connector_gmail',
      authorization: 'tok',
      requireApproval: { search: 'never', send: 'always' },
      allowedTools: ['search', 'send'],
      description: 'Mail',
      autoApproveTools: ['search'],
      denyTools: ['delete'],
    });
  });

  it('treats an empty or missing setting as no servers', () => {
    expect(parseMcpToolsSetting('')).toEqual([]);
    expect(parseMcpToolsSetting('  ')).toEqual([]);
    expect(parseMcpToolsSetting(undefined)).toEqual([]);
    expect(parseMcpToolsSetting('[]')).toEqual([]);
  });

  it('rejects invalid JSON with a clear message', () => {
    const error = failure('[{"name": ');
    expect(error.code).toBe('ValidationError');
    expect(error.message).toContain('MCP_TOOLS: is not valid JSON');
  });

  it('rejects a value that is not an array', () => {
    expect(failure('{"name":"x"}').message).toContain('MCP_TOOLS: must be a JSON array');
  });

  it('requires exactly one of server_url and connector_id', () => {
    expect(failure([{ name: 'a', server_label: 'a' }]).message).toContain(
      'MCP_TOOLS[0].server_url: exactly one of server_url or connector_id is required',
    );
    const both = { ...hosted, connector_id: 'c', authorization: 't' };
    expect(failure([both]).message).toContain('MCP_TOOLS[0].server_url: exactly one');
  });

  it('requires authorization with connector_id', () => {
    expect(failure([{ name: 'a', server_label: 'a', connector_id: 'c' }]).message).toContain(
      'MCP_TOOLS[0].authorization: connector_id requires authorization',
    );
  });

  it('requires name and server_label, and a valid server_url', () => {
    const message = failure([{ server_url: 'not a url' }]).message;
    expect(message).toContain('MCP_TOOLS[0].name');
    expect(message).toContain('MCP_TOOLS[0].server_label');
    expect(message).toContain('MCP_TOOLS[0].server_url');
  });

  it('rejects unknown require_approval values, also inside the per-tool map', () => {
    const expected = 'MCP_TOOLS[0].require_approval: must be "always", "never" or a map';
    expect(failure([{ ...hosted, require_approval: 'sometimes' }]).message).toContain(expected);
    expect(failure([{ ...hosted, require_approval: { search: 'maybe' } }]).message).toContain(expected);
  });

  it('rejects an empty allowed_tools list', () => {
    expect(failure([{ ...hosted, allowed_tools: [] }]).message).toContain(
      'MCP_TOOLS[0].allowed_tools: must name at least one tool',
    );
  });

  it('rejects tools both auto-approved and denied', () => {
    const entry = { ...hosted, auto_approve_tools: ['a', 'b'], deny_tools: ['b'] };
    expect(failure([entry]).message).toContain(
      'MCP_TOOLS[0].auto_approve_tools: tools cannot be both auto-approved and denied: b',
    );
  });

  it('rejects duplicate names and server labels, naming the later entry', () => {
    const message = failure([hosted, { ...hosted, server_label: 'other' }, { ...hosted, name: 'x' }]).message;
    expect(message).toContain('MCP_TOOLS[1].name: duplicate name "drive" (also entry 0)');
    expect(message).toContain('MCP_TOOLS[2].server_label: duplicate server_label "drive" (also entry 0)');
  });

  it('rejects unknown keys such as camelCased ones', () => {
    expect(failure([{ ...hosted, serverUrl: 'https://x' }]).message).toContain('MCP_TOOLS[0]');
    expect(failure([{ ...hosted, serverUrl: 'https://x' }]).message).toContain('serverUrl');
  });

  it('reports every bad entry at once and carries zod-style issues', () => {
    const error = failure([hosted, { name: 'b' }, { name: 'c', server_label: 'c', connector_id: 'x' }]);
    const issues = error.details as Array<{ path: unknown[] }>;
    expect(issues.map((issue) => issue.path[0])).toEqual(expect.arrayContaining([1, 2]));
    expect(issues.every((issue) => issue.path[0] !== 0)).toBe(true);
  });
});

describe('parseMcpToolsSetting: local entries', () => {
  it('parses a stdio entry, defaulting server_label to name and args to []', () => {
    expect(
      parseMcpToolsSetting([
        { name: 'fs', transport: 'stdio', command: 'node', env: { A: '1' }, cwd: '/srv', deny_tools: ['rm'] },
      ]),
    ).toEqual([
      {
        name: 'fs',
        serverLabel: 'fs',
        transport: 'stdio',
        command: 'node',
        args: [],
        env: { A: '1' },
        cwd: '/srv',
        requireApproval: 'always',
        autoApproveTools: [],
        denyTools: ['rm'],
      },
    ]);
  });

  it('parses a streamable_http entry with headers', () => {
    const [config] = parseMcpToolsSetting([
      {
        name: 'web',
        server_label: 'web_tools',
        transport: 'streamable_http',
        url: 'http://127.0.0.1:9000/mcp',
        headers: { authorization: 'Bearer x' },
        require_approval: 'never',
      },
    ]);
    expect(config).toMatchObject({
      serverLabel: 'web_tools',
      transport: 'streamable_http',
      url: 'http://127.0.0.1:9000/mcp',
      headers: { authorization: 'Bearer x' },
      requireApproval: 'never',
    });
  });

  it('requires command for stdio and an http(s) url for streamable_http', () => {
    expect(failure([{ name: 'a', transport: 'stdio' }]).message).toContain('MCP_TOOLS[0].command');
    expect(failure([{ name: 'a', transport: 'streamable_http', url: 'ftp://x' }]).message).toContain(
      'MCP_TOOLS[0].url',
    );
  });

  it('rejects hosted-only fields on local entries and unknown transports', () => {
    expect(
      failure([{ name: 'a', transport: 'stdio', command: 'node', server_url: 'https://x' }]).message,
    ).toContain('server_url');
    expect(failure([{ ...hosted, transport: 'websocket' }]).message).toContain('MCP_TOOLS[0].transport');
  });

  it('applies the shared rules to local entries too', () => {
    const entry = {
      name: 'a',
      transport: 'stdio',
      command: 'node',
      auto_approve_tools: ['x'],
      deny_tools: ['x'],
    };
    expect(failure([entry]).message).toContain('MCP_TOOLS[0].auto_approve_tools');
    expect(failure([hosted, { name: 'drive', transport: 'stdio', command: 'node' }]).message).toContain(
      'MCP_TOOLS[1].name: duplicate name',
    );
  });
});
