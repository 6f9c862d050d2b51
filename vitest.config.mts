import { defineConfig } from 'vitest/config';
import { loadPresetData } from './scripts/presets.mjs';

export default defineConfig({
  plugins: [
    {
      // The registry presets are embedded as validated data, as esbuild does for the bundles.
      name: 'presets-as-data',
      enforce: 'pre',
      load(id) {
        if (id.endsWith('.yaml')) return `export default ${JSON.stringify(loadPresetData(id))};`;
        return null;
      },
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/vscode/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
