// Bundles the CLI into dist/ at install time (npm's `prepare`): one entry file plus chunks that
// commands load lazily, so start-up reads little. better-sqlite3's JavaScript is bundled too (its
// thirteen files were as many reads at each start of a command that opens the store); its compiled
// addon stays in node_modules and is loaded by path (src/storage/store.ts). The browser stays external.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

rmSync(new URL('./dist/', import.meta.url), { recursive: true, force: true });

// commander requires node:child_process when it loads, only to run executable subcommands, which
// sre-drill has none of; loading it cost about 5 ms of every command's start-up. It is required on
// first use instead. The build fails if commander's line changes, rather than quietly keep the cost.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const line = "const childProcess = require('node:child_process');";
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(line)) throw new Error(`lazy-child-process: ${args.path} no longer has: ${line}`);
      return { contents: text.replace(line, "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };"), loader: 'js' };
    });
  },
};

// `import process from 'node:process'` (chalk, env-paths) makes Node build an ES-module facade over
// every property of process, and reading them runs lazy getters: process.report loads the
// diagnostic-report code. That was about 10 ms of every command's start-up. The module's default
// export is the global `process` object itself, so the bundle takes the global. A named import
// from it fails the build ("No matching export") instead of quietly reading undefined; require()
// calls are left as they are (Node's require gives the object without a facade).
const globalProcess = {
  name: 'global-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?process$/ }, (args) => (args.kind === 'import-statement' ? { path: 'process', namespace: 'global-process' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'global-process' }, () => ({ contents: 'export default globalThis.process;', loader: 'js' }));
  },
};

await build({
  entryPoints: { 'sre-drill': 'src/entry.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['playwright-core'],
  plugins: [lazyChildProcess, globalProcess],
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
