import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '@starter/contracts';
import type { z } from 'zod';
import { type AgentSpec, type AgentSpecInput, agentSpecSchema } from './agent-spec-schema.js';
import { deepFreezePlain } from './deep-freeze.js';

/** Validates an agent spec and returns it frozen; errors name the agent key and each bad field path. */
export function defineAgent(input: AgentSpecInput): AgentSpec {
  const label = agentLabel(input);
  const promptPath = normalizePromptPath(input.promptPath, label);
  const parsed = agentSpecSchema.safeParse(promptPath === undefined ? input : { ...input, promptPath });
  if (!parsed.success) {
    const issues = parsed.error.issues;
    throw new AppError('ValidationError', `${label}: invalid spec\n${formatIssues(issues)}`, {
      details: issues.map((issue) => ({
        path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
        message: issue.message,
        code: issue.code,
      })),
    });
  }
  return deepFreezePlain(parsed.data);
}

function agentLabel(input: unknown): string {
  const key = typeof input === 'object' && input !== null ? (input as { key?: unknown }).key : undefined;
  return typeof key === 'string' && key !== '' ? `agent '${key}'` : 'agent <missing key>';
}

/** Prompt files are addressed absolutely so a spec works whatever the process's working directory is. */
function normalizePromptPath(value: string | URL | undefined, label: string): string | undefined {
  if (value === undefined) return undefined;
  if (value instanceof URL || value.startsWith('file:')) return fileURLToPath(value);
  if (!isAbsolute(value)) {
    throw new AppError(
      'ValidationError',
      `${label}: invalid spec\n- promptPath: must be an absolute path or a file URL, e.g. new URL('./prompt.md', import.meta.url)`,
    );
  }
  return value;
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map(
      (issue) => `- ${issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`,
    )
    .join('\n');
}
