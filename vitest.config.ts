import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'common/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    // Race tests need real concurrency: PGlite runs one query at a time and would prove nothing.
    // They run with `npm run test:pg` (DATABASE_URL set) and are not part of the PGlite run.
    exclude: process.env.DATABASE_URL ? [] : ['**/*.pg.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
