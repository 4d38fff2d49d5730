// tsc emits only JavaScript: copy each bundled agent's prompt.md next to its compiled spec.js.
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const source = join(root, 'src', 'agents');
for (const entry of readdirSync(source, { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  for (const file of readdirSync(join(source, entry.name)))
    if (file.endsWith('.md'))
      cpSync(join(source, entry.name, file), join(root, 'dist', 'agents', entry.name, file));
}
