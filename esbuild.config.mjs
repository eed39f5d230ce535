// Bundles the CLI into dist/ at install time (npm's `prepare`): one entry file plus chunks that
// commands load lazily, so start-up reads little. Native and browser modules stay external.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

rmSync(new URL('./dist/', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { 'sre-drill': 'src/entry.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', 'playwright-core'],
  chunkNames: 'chunks/[name]-[hash]',
  // `--version` prints this without reading package.json (src/main.ts).
  define: { SRE_DRILL_VERSION: JSON.stringify(JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version) },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});

// Parse the built-in banks once now, so start-up reads JSON instead of YAML (src/storage/bank-cache.ts).
const precompile = new URL('./dist/precompile-banks.mjs', import.meta.url);
await build({
  entryPoints: ['src/storage/precompile-banks.ts'],
  outfile: precompile.pathname,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
execFileSync(process.execPath, [precompile.pathname], { stdio: 'inherit' });
rmSync(precompile);
