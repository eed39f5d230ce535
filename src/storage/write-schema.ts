// `npm run schema`: writes questions/schema.json from the zod schema (the single source).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bankJsonSchema } from '../core/bank/validation.js';
import { builtinBanksDir } from './paths.js';

export function schemaText(): string {
  return `${JSON.stringify(bankJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const file = join(builtinBanksDir(), 'schema.json');
  writeFileSync(file, schemaText());
  console.log(`wrote ${file}`);
}
