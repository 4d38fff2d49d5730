import { describe, expect, it } from 'vitest';
import { localMcpToolApproval } from './local-mcp-tools.js';
import { decideMcpApproval, requiresApproval } from './mcp-approval-policy.js';
import { parseMcpToolsSetting } from './parse-mcp-tools-setting.js';

const policy = { denyTools: ['drop_table'], autoApproveTools: ['search'] };

describe('decideMcpApproval (§6.3)', () => {
  it('refuses denied tools with "Denied by policy"', () => {
    expect(decideMcpApproval(policy, 'drop_table')).toEqual({ approve: false, reason: 'Denied by policy' });
  });

  it('approves auto-approved tools', () => {
    expect(decideMcpApproval(policy, 'search')).toEqual({ approve: true });
  });

  it('refuses anything else with "Not auto-approved"', () => {
    expect(decideMcpApproval(policy, 'rename')).toEqual({ approve: false, reason: 'Not auto-approved' });
  });

  it('without an auto-approve list refuses every call', () => {
    expect(decideMcpApproval({ denyTools: [], autoApproveTools: [] }, 'search').approve).toBe(false);
  });

  it('checks the deny list before the auto-approve list', () => {
    const both = { denyTools: ['x'], autoApproveTools: ['x'] };
    expect(decideMcpApproval(both, 'x')).toEqual({ approve: false, reason: 'Denied by policy' });
  });
});

describe('requiresApproval', () => {
  it('follows a single mode', () => {
    expect(requiresApproval({ requireApproval: 'always' }, 'a')).toBe(true);
    expect(requiresApproval({ requireApproval: 'never' }, 'a')).toBe(false);
  });

  it('follows a per-tool map, asking for unlisted tools', () => {
    const config = { requireApproval: { read: 'never', write: 'always' } } as const;
    expect(requiresApproval(config, 'read')).toBe(false);
    expect(requiresApproval(config, 'write')).toBe(true);
    expect(requiresApproval(config, 'other')).toBe(true);
    expect(requiresApproval(config, 'toString')).toBe(true);
  });
});

describe('localMcpToolApproval', () => {
  const [config] = parseMcpToolsSetting([
    {
      name: 'local',
      transport: 'stdio',
      command: 'node',
      require_approval: { free: 'never' },
      auto_approve_tools: ['search'],
      deny_tools: ['drop_table'],
    },
  ]);
  if (config === undefined || config.transport === 'hosted') throw new Error('expected a local config');

  it('runs tools that need no approval or that the policy auto-approves', () => {
    expect(localMcpToolApproval(config, 'free')).toEqual({ action: 'run' });
    expect(localMcpToolApproval(config, 'search')).toEqual({ action: 'run' });
  });

  it('asks the caller where the hosted policy would refuse as "Not auto-approved"', () => {
    expect(localMcpToolApproval(config, 'rename')).toEqual({ action: 'ask' });
  });

  it('denies denied tools with the policy reason', () => {
    expect(localMcpToolApproval(config, 'drop_table')).toEqual({
      action: 'deny',
      reason: 'Denied by policy',
    });
  });
});
