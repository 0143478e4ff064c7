import { defineConfig } from 'vitest/config';

const root = decodeURIComponent(new URL('..', import.meta.url).pathname);

// Browser journeys against the real server and a real Chromium. One server (fresh database, demo
// district seeded) serves every file; files run one after another so their logins and edits do not race.
export default defineConfig({
  root,
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
