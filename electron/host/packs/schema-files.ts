// Reads the JSON Schemas from labs/schema/ under the app root (the same folder
// whether running from sources in tests or from dist/ after `tsc -b`).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../paths.js';

export function schemaDir(): string {
  return join(appRoot(), 'labs', 'schema');
}

export function readSchema(name: 'labpack' | 'lab'): Record<string, unknown> {
  return JSON.parse(readFileSync(join(schemaDir(), `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
}
