import { defineConfig } from 'vitest/config';

// One runner for the whole workspace: each package is a project, and the `@starter/source` condition
// lets tests import sibling packages' TypeScript sources without a build step.
export default defineConfig({
  resolve: { conditions: ['@starter/source'] },
  ssr: { resolve: { conditions: ['@starter/source'] } },
  test: {
    projects: ['packages/*', 'apps/*'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
