import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAgentRegistry } from './agent-registry.js';
import { AgentRegistryError } from './agent-registry-error.js';
import { loadAgentSpecsFromDirectory } from './load-agent-specs.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'agent-specs-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function writeSpec(folder: string, file: string, source: string): Promise<void> {
  await mkdir(join(root, folder), { recursive: true });
  await writeFile(join(root, folder, file), source);
}

const specSource = (key: string, extra = '') =>
  `export const spec = { key: '${key}', displayName: '${key} agent', description: 'd', instructions: 'Hi'${extra} };\n`;

describe('loadAgentSpecsFromDirectory', () => {
  it('loads spec modules of every folder, skipping folders starting with _ and folders without a spec', async () => {
    await writeSpec('triage', 'spec.mjs', specSource('triage', ', default: true'));
    await writeSpec(
      'writer',
      'spec.js',
      "export default { key: 'writer', displayName: 'Writer', description: 'd', promptPath: new URL('./prompt.md', import.meta.url) };\n",
    );
    await writeFile(join(root, 'writer', 'prompt.md'), 'Write for {{ user.name }}.');
    await writeSpec('_shared', 'spec.mjs', 'throw new Error("must not be imported");\n');
    await mkdir(join(root, 'empty'));
    await writeFile(join(root, 'README.md'), 'not a folder');

    const specs = await loadAgentSpecsFromDirectory(pathToFileURL(root));
    expect(specs.map((spec) => spec.key)).toEqual(['triage', 'writer']);
    expect(Object.isFrozen(specs[0])).toBe(true);
    expect(specs[1]?.promptPath).toBe(join(root, 'writer', 'prompt.md'));

    const registry = createAgentRegistry(specs, { toolKeys: new Set() });
    expect(registry.defaultKey).toBe('triage');
    expect(registry.promptSource('writer')).toBe('Write for {{ user.name }}.');
  });

  it('collects a folder/key mismatch, a missing export and an invalid spec', async () => {
    await writeSpec('researcher', 'spec.mjs', specSource('research'));
    await writeSpec('nothing', 'spec.mjs', 'export const other = 1;\n');
    await writeSpec(
      'bad',
      'spec.mjs',
      "export const spec = { key: 'bad', displayName: '', description: 'd' };\n",
    );

    const error = await loadAgentSpecsFromDirectory(root).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AgentRegistryError);
    const problems = (error as AgentRegistryError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/bad[/\\]spec\.mjs: agent 'bad': invalid spec\n- displayName/);
    expect(problems[1]).toMatch(/nothing[/\\]spec\.mjs: exports neither 'spec' nor a default spec/);
    expect(problems[2]).toMatch(/agent key 'research' must equal its folder name 'researcher'/);
  });
});
