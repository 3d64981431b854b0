// Bundles the compiled CLI (lib/cli/main.js) with its pure-JS dependencies into one CommonJS script,
// lib/bundle/main.cjs, which bin/pamphleteer.js runs: Node reads one file instead of hundreds, and,
// being a classic script, it can be compiled from V8's code cache (bin/pamphleteer.js keeps one per
// command), which ES modules cannot on Node 20. Each command's modules are still evaluated only when
// it runs (dynamic imports become lazy initialisers), so `check` never runs the PDF code. Packages
// that find their own files at run time stay external.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Clear what an older compile left (it split the bundle into chunks named by content hashes).
fs.rmSync(path.join(root, 'lib/bundle'), { recursive: true, force: true });

/** zod's `locales` namespace, every language, becomes English alone (scripts/bundle-stubs/zod-locales.mjs says why). */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`)
        ? { path: path.join(root, 'scripts/bundle-stubs/zod-locales.mjs') }
        : undefined,
    );
  },
};

await build({
  entryPoints: [path.join(root, 'lib/cli/main.js')],
  outfile: path.join(root, 'lib/bundle/main.cjs'),
  bundle: true,
  format: 'cjs',
  // import() of an external package becomes require() (each has a CommonJS build): Node 20 loses a
  // script's dynamic-import callback when V8 compiles it from the code cache.
  supported: { 'dynamic-import': false },
  platform: 'node',
  target: 'node20',
  // Found through their own package folders at run time (browser binaries, Paged.js scripts,
  // EJS templates, fonts, hyphenation patterns).
  external: [
    'esbuild',
    'puppeteer-core',
    'puppeteer',
    'pagedjs',
    'pagedjs-cli',
    '@sparticuz/chromium',
    '@fontsource/*',
    'hyphen',
    '@resvg/*',
  ],
  // The modules find their files next to themselves: import.meta.url becomes the bundle's own URL.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  alias: {
    // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow; take its ES modules.
    'jsonc-parser': path.join(root, 'node_modules/jsonc-parser/lib/esm/main.js'),
    // epub-gen-memory's downloader, never used (scripts/bundle-stubs/no-fetch.cjs says why).
    'node-fetch': path.join(root, 'scripts/bundle-stubs/no-fetch.cjs'),
    'abort-controller': path.join(root, 'scripts/bundle-stubs/abort-controller.cjs'),
  },
  // Less text to read and compile on a first run; identifiers are kept, so internal errors stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [zodEnglishOnly],
  logLevel: 'warning',
  // lib/bundle/ sits at the same depth as lib/<module>/, so paths like '../../templates' still resolve.
});

// The script that runs inside the print page (src/render/print/page/): one file for the browser,
// evaluated next to Paged.js by renderPrint.
await build({
  entryPoints: [path.join(root, 'src/render/print/page/entry.ts')],
  outfile: path.join(root, 'lib/bundle/page-script.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome110',
  logLevel: 'warning',
});

// Paged.js as the print page reads it on every build: minified (names kept), about half the text
// for the page to parse. renderPrint takes this copy when it runs from the bundle (pagedjs.ts).
await build({
  entryPoints: [path.join(root, 'node_modules/pagedjs/dist/paged.js')],
  outfile: path.join(root, 'lib/bundle/paged.js'),
  bundle: false,
  format: 'iife',
  minify: true,
  keepNames: true,
  target: 'chrome110',
  logLevel: 'warning',
});
