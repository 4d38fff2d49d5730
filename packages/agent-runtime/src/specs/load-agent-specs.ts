import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AgentRegistryError } from './agent-registry-error.js';
import type { AgentSpec } from './agent-spec-schema.js';
import { defineAgent } from './define-agent.js';

/** Built output first; `spec.ts` only exists when running from source (vitest, tsx). */
const SPEC_FILE_NAMES = ['spec.js', 'spec.mjs', 'spec.ts'] as const;

/**
 * Imports `<dir>/<key>/spec.(js|mjs|ts)` of every sub-folder not starting with `_`; each exports `spec`
 * (or a default export). Folders without a spec file are skipped; every other problem is collected.
 */
export async function loadAgentSpecsFromDirectory(dir: string | URL): Promise<AgentSpec[]> {
  const root = dir instanceof URL ? fileURLToPath(dir) : dir;
  const entries = await readdir(root, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_') && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();

  const specs: AgentSpec[] = [];
  const problems: string[] = [];
  for (const folder of folders) {
    const file = SPEC_FILE_NAMES.map((name) => join(root, folder, name)).find((path) => existsSync(path));
    if (file === undefined) continue;
    try {
      const module = (await import(pathToFileURL(file).href)) as { spec?: unknown; default?: unknown };
      const exported = module.spec ?? module.default;
      if (exported === undefined) {
        problems.push(`${file}: exports neither 'spec' nor a default spec`);
        continue;
      }
      // Re-validating is idempotent for a `defineAgent` result and catches hand-written objects.
      const spec = defineAgent(exported as Parameters<typeof defineAgent>[0]);
      if (spec.key !== folder) {
        problems.push(`${file}: agent key '${spec.key}' must equal its folder name '${folder}'`);
        continue;
      }
      specs.push(spec);
    } catch (error) {
      problems.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (problems.length > 0) throw new AgentRegistryError(problems);
  return specs;
}
