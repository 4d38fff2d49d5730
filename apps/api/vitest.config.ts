import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@starter/source'] },
  ssr: { resolve: { conditions: ['@starter/source'] } },
  // Tests open real databases (PGlite boots a WASM Postgres) and child processes: allow for slow CI cores.
  test: { name: '@starter/api', testTimeout: 30_000, hookTimeout: 60_000 },
});
