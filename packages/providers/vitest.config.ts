import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@starter/source'] },
  ssr: { resolve: { conditions: ['@starter/source'] } },
  test: { name: '@starter/providers', testTimeout: 30_000, hookTimeout: 120_000 },
});
