import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const root = decodeURIComponent(new URL('..', import.meta.url).pathname);

/**
 * Files run in path order (org → points → shop), not vitest's default order (new files first, then by
 * size or last duration), so journeys that share the demo accounts meet them in one known state: the
 * points journey starts from 田志明's seeded 150 points, and the shop's journeys spend them after it.
 */
class PathOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}

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
    sequence: { sequencer: PathOrder },
  },
});
