import { defineConfig } from 'vitest/config';

// Unit and HTTP tests only; browser specs (*.spec.ts under test/e2e) belong to Playwright.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
