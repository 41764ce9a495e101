// The renderer build (Vite): React + xterm.js into dist/renderer, served by the
// Electron app:// protocol and by the web host alike.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { RENDERER_CSP } from './shared/lib/csp.ts';

function cspMeta(): Plugin {
  return {
    name: 'workbench-csp',
    transformIndexHtml: { order: 'pre', handler: (html) => html.replace('%WORKBENCH_CSP%', RENDERER_CSP) },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1' },
});
