import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Resolved from this file, not the working directory, so `--config web/vite.config.ts` works from anywhere.
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

/**
 * Libraries every screen needs go into long-cached chunks of their own. Ant Design's components are
 * deliberately not one group: left to the bundler they follow the pages that use them, so the phone
 * shell does not download Table, TreeSelect or DatePicker, and nobody but the dashboard downloads
 * ECharts. Higher priority wins when two groups match.
 */
const libraryGroups = [
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 40 },
  {
    name: 'react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie)[\\/]/,
    priority: 30,
  },
  { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 20 },
  { name: 'vendor', test: /node_modules[\\/](@tanstack|i18next|react-i18next)[\\/]/, priority: 10 },
];

export default defineConfig({
  root: here,
  publicDir: `${here}public`,
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: `${here}../dist/web`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: libraryGroups },
      },
    },
  },
});
