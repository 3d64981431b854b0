// Bundles the compiled CLI (lib/cli/main.js) with its pure-JS dependencies into lib/bundle/, which
// bin/pamphleteer.js runs: Node then loads a few dozen files instead of hundreds, and every command
// starts about 0.2 s sooner. Commands stay split (dynamic imports become chunks), so `check` never
// loads the PDF code. Packages that find their own files at run time stay external.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Chunk names are content hashes: clear old ones, or every compile would add to the package.
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
  outdir: path.join(root, 'lib/bundle'),
  bundle: true,
  splitting: true,
  format: 'esm',
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
  // CommonJS dependencies inside an ES module bundle still call require().
  banner: {
    js: "import { createRequire as __pamphleteerRequire } from 'node:module'; const require = __pamphleteerRequire(import.meta.url);",
  },
  alias: {
    // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow; take its ES modules.
    'jsonc-parser': path.join(root, 'node_modules/jsonc-parser/lib/esm/main.js'),
    // epub-gen-memory's downloader, never used (scripts/bundle-stubs/no-fetch.cjs says why).
    'node-fetch': path.join(root, 'scripts/bundle-stubs/no-fetch.cjs'),
    'abort-controller': path.join(root, 'scripts/bundle-stubs/abort-controller.cjs'),
  },
  // Smaller chunks compile sooner at start-up; identifiers are kept, so internal errors stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [zodEnglishOnly],
  logLevel: 'warning',
  // lib/bundle/ sits at the same depth as lib/<module>/, so paths like '../../templates' still resolve.
  chunkNames: 'chunk-[hash]',
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
