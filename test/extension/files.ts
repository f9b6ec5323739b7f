import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every file below a folder, recursively. */
export function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}
