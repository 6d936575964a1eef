import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Examples import the package by name, as a user would; tests run them against the source.
    alias: { 'digital-twin': fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    // The long proofs (crash, fuzz, load) run with `npm run test:proofs`; .ci/run runs both.
    include: process.env.TWIN_PROOFS ? ['test/proofs/**/*.test.ts'] : ['test/**/*.test.ts'],
    exclude: process.env.TWIN_PROOFS ? [] : ['test/proofs/**', '**/node_modules/**'],
    // Property tests draw from one fixed seed (FC_SEED overrides; see the file).
    setupFiles: ['test/support/fast-check-seed.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    coverage: { provider: 'v8', include: ['src/**'], reporter: ['text-summary', 'html'] },
  },
});
