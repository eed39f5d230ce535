import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalog, type Catalog } from '../../../src/core/bank/catalog.js';
import { parseBankText } from '../../../src/core/bank/parse.js';
import { FIXTURES } from '../../helpers/cli.js';

/** The session fixture bank, parsed through the real parser. */
export function sessionCatalog(): Catalog {
  const dir = join(FIXTURES, 'sessions');
  return buildCatalog(['bank.yaml', 'asks.yaml'].map((f) => parseBankText(readFileSync(join(dir, f), 'utf8'), f)));
}
