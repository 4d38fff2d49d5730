import { AppError, type ValidationIssue } from '@starter/contracts';
import { z } from 'zod';
import type { McpRequireApproval, McpToolConfig, McpToolConfigBase } from './mcp-tool-config.js';

const toolName = z.string().min(1);
const approvalMode = z.enum(['always', 'never']);

// Strict objects: a misspelt or camelCased key (`serverUrl`) is an error, not a silently ignored field.
const sharedFields = {
  name: z.string().min(1),
  server_label: z.string().min(1),
  description: z.string().min(1).optional(),
  require_approval: z
    .union([approvalMode, z.record(toolName, approvalMode)], {
      error: 'must be "always", "never" or a map of tool name to "always" / "never"',
    })
    .default('always'),
  // An empty allow list would mean "none" to OpenAI but "all" to the SDK's local filter: refuse it.
  allowed_tools: z.array(toolName).min(1, 'must name at least one tool (omit it to allow all)').optional(),
  auto_approve_tools: z.array(toolName).default([]),
  deny_tools: z.array(toolName).default([]),
};

const hostedEntry = z.strictObject({
  ...sharedFields,
  transport: z.literal('hosted').optional(),
  server_url: z.url().optional(),
  connector_id: z.string().min(1).optional(),
  authorization: z.string().min(1).optional(),
});

// A local server's label defaults to its name: it only names the server in logs and the catalog.
const localFields = { ...sharedFields, server_label: z.string().min(1).optional() };

const stdioEntry = z.strictObject({
  ...localFields,
  transport: z.literal('stdio'),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).optional(),
  cwd: z.string().min(1).optional(),
});

const streamableHttpEntry = z.strictObject({
  ...localFields,
  transport: z.literal('streamable_http'),
  url: z.url({ protocol: /^https?$/ }),
  headers: z.record(z.string(), z.string()).optional(),
});

type SharedInput = z.output<z.ZodObject<typeof localFields>>;

/**
 * Parses and validates the `MCP_TOOLS` setting (a JSON array, or the already parsed value) into
 * camelCased configs. Throws a validation `AppError` whose message names each bad entry and field.
 */
export function parseMcpToolsSetting(value: string | unknown): McpToolConfig[] {
  const raw = typeof value === 'string' ? parseJson(value) : value;
  if (raw === undefined || raw === null || raw === '') return [];
  if (!Array.isArray(raw))
    throw invalid([issue([], 'must be a JSON array of MCP server entries', 'invalid_type')]);

  const issues: ValidationIssue[] = [];
  const parsed: Array<{ readonly index: number; readonly config: McpToolConfig }> = [];
  raw.forEach((entry: unknown, index) => {
    const config = parseEntry(entry, index, issues);
    if (config) parsed.push({ index, config });
  });
  checkUnique(parsed, 'name', (config) => config.name, issues);
  checkUnique(parsed, 'server_label', (config) => config.serverLabel, issues);
  if (issues.length > 0) throw invalid(issues);
  return parsed.map(({ config }) => config);
}

function parseEntry(entry: unknown, index: number, issues: ValidationIssue[]): McpToolConfig | undefined {
  const transport = isRecord(entry) ? entry.transport : undefined;
  if (transport === 'stdio') {
    const parsed = collect(stdioEntry.safeParse(entry), index, issues);
    if (!parsed) return undefined;
    return {
      ...sharedConfig(parsed, index, issues),
      transport: 'stdio',
      command: parsed.command,
      args: parsed.args,
      ...(parsed.env === undefined ? {} : { env: parsed.env }),
      ...(parsed.cwd === undefined ? {} : { cwd: parsed.cwd }),
    };
  }
  if (transport === 'streamable_http') {
    const parsed = collect(streamableHttpEntry.safeParse(entry), index, issues);
    if (!parsed) return undefined;
    return {
      ...sharedConfig(parsed, index, issues),
      transport: 'streamable_http',
      url: parsed.url,
      ...(parsed.headers === undefined ? {} : { headers: parsed.headers }),
    };
  }
  const parsed = collect(hostedEntry.safeParse(entry), index, issues);
  if (!parsed) return undefined;
  const hasUrl = parsed.server_url !== undefined;
  const hasConnector = parsed.connector_id !== undefined;
  if (hasUrl === hasConnector) {
    issues.push(
      issue([index, 'server_url'], 'exactly one of server_url or connector_id is required', 'custom'),
    );
  }
  if (hasConnector && parsed.authorization === undefined) {
    issues.push(issue([index, 'authorization'], 'connector_id requires authorization', 'custom'));
  }
  return {
    ...sharedConfig(parsed, index, issues),
    transport: 'hosted',
    ...(parsed.server_url === undefined ? {} : { serverUrl: parsed.server_url }),
    ...(parsed.connector_id === undefined ? {} : { connectorId: parsed.connector_id }),
    ...(parsed.authorization === undefined ? {} : { authorization: parsed.authorization }),
  };
}

function sharedConfig(parsed: SharedInput, index: number, issues: ValidationIssue[]): McpToolConfigBase {
  const denied = new Set(parsed.deny_tools);
  const overlap = parsed.auto_approve_tools.filter((tool) => denied.has(tool));
  if (overlap.length > 0) {
    issues.push(
      issue(
        [index, 'auto_approve_tools'],
        `tools cannot be both auto-approved and denied: ${overlap.join(', ')}`,
        'custom',
      ),
    );
  }
  return {
    name: parsed.name,
    serverLabel: parsed.server_label ?? parsed.name,
    ...(parsed.description === undefined ? {} : { description: parsed.description }),
    requireApproval: parsed.require_approval as McpRequireApproval,
    ...(parsed.allowed_tools === undefined ? {} : { allowedTools: parsed.allowed_tools }),
    autoApproveTools: parsed.auto_approve_tools,
    denyTools: parsed.deny_tools,
  };
}

function collect<T>(
  result: z.ZodSafeParseResult<T>,
  index: number,
  issues: ValidationIssue[],
): T | undefined {
  if (result.success) return result.data;
  for (const problem of result.error.issues) {
    const path = [index, ...problem.path.map((part) => (typeof part === 'number' ? part : String(part)))];
    issues.push(issue(path, problem.message, problem.code));
  }
  return undefined;
}

function checkUnique(
  parsed: ReadonlyArray<{ readonly index: number; readonly config: McpToolConfig }>,
  field: string,
  fieldOf: (config: McpToolConfig) => string,
  issues: ValidationIssue[],
): void {
  const seen = new Map<string, number>();
  for (const { index, config } of parsed) {
    const value = fieldOf(config);
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else issues.push(issue([index, field], `duplicate ${field} "${value}" (also entry ${first})`, 'custom'));
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return [];
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid([issue([], `is not valid JSON: ${reason}`, 'invalid_json')]);
  }
}

function issue(path: (string | number)[], message: string, code: string): ValidationIssue {
  return { path, message, code, location: 'settings' };
}

function invalid(issues: ValidationIssue[]): AppError {
  const lines = issues.map((problem) => `${formatPath(problem.path)}: ${problem.message}`);
  return AppError.validation(issues, `Invalid MCP_TOOLS setting: ${lines.join('; ')}`);
}

function formatPath(path: readonly (string | number)[]): string {
  let text = 'MCP_TOOLS';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : `.${part}`;
  return text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
