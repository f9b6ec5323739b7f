import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every file below a folder, recursively. */
export function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** Everything Token Inspector logged in this host so far (every window's log file). */
export function ourLog(): string {
  const dir = process.env.TOKEN_INSPECTOR_HOST_STATE_DIR;
  if (!dir) throw new Error('TOKEN_INSPECTOR_HOST_STATE_DIR is not set (run the tests with test/host/run-tests.mjs)');
  return filesBelow(dir)
    .filter((f) => f.endsWith('Token Inspector.log'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
}
