// The published package.json has no `prepare`: it compiles the clone (`npm ci`), and in an installed
// tarball it could not run (no src/) and makes npm warn on every install. `npm pack` and `npm
// publish` run `prepack` (compile, then `strip`) before reading the files and `postpack` (`restore`)
// after, so the tarball holds the compiled lib/ and a manifest without install-time scripts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = path.join(root, 'package.json');
const saved = path.join(root, 'package.json.packing');

const action = process.argv[2];
if (action === 'strip') {
  if (!fs.existsSync(saved)) fs.copyFileSync(manifest, saved);
  const pkg = JSON.parse(fs.readFileSync(saved, 'utf8'));
  delete pkg.scripts.prepare;
  fs.writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
} else if (action === 'restore') {
  if (fs.existsSync(saved)) fs.renameSync(saved, manifest);
} else {
  console.error('usage: node scripts/pack-manifest.mjs strip|restore');
  process.exit(1);
}
