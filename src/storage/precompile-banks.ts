// Run by the build (esbuild.config.mjs): parses and validates the built-in banks once, derives the
// grader's statistics over them, and writes dist/builtin-banks.json. Broken banks are reported and
// nothing is written (start-up then parses, and the grader reads every question).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIssue } from '../core/errors.js';
import { buildCatalog } from '../core/bank/catalog.js';
import { bankStats } from '../core/grading/index.js';
import { findBankFiles, graderInput } from './bank-files.js';
import { loadBankFile } from './bank-loader.js';
import { PRECOMPILED_FILE, precompiledText } from './bank-cache.js';
import { builtinBanksDir, packageRoot } from './paths.js';

const root = packageRoot();
const { files } = findBankFiles([builtinBanksDir()], root);
const parsed = files.map((f) => loadBankFile(f, root));
const catalog = buildCatalog(parsed);
if (catalog.issues.length) {
  process.stderr.write(`built-in banks have problems; not precompiled:\n${catalog.issues.map(formatIssue).join('\n')}\n`);
} else {
  writeFileSync(join(root, 'dist', PRECOMPILED_FILE), precompiledText(root, files, parsed, bankStats(await graderInput(catalog, root))));
}
