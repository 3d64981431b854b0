import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { installInterruptHandlers, runCleanups } from '../util/interrupt.js';
import { DEFAULT_LAYOUT, LAYOUTS, LAYOUT_NAMES } from '../impose/layouts/index.js';
import { FLIPS } from '../impose/plan-types.js';
import { describeError, type ExitCode } from './describe-error.js';
import { UserError } from '../util/user-error.js';
import { SHEET_NAMES } from '../util/lengths.js';

// Each command's module (and its heavy dependencies: the browser driver, the renderers) loads only
// when that command runs, so `--help` and `init` start at once; the layouts are small and pure.
const IMPOSE_HELP = ['How to print and fold:', ...LAYOUTS.flatMap((layout) => [layout.help, ''])].join('\n');

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const packageJson = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  homepage: string;
};
/** Where the full reference is, wherever the command is installed: the file shipped with it, and online. */
const OPTIONS_DOC = `${path.join(PACKAGE_ROOT, 'docs', 'options.md')}\n  (online: ${packageJson.homepage.replace(
  /#readme$/,
  '',
)}/blob/main/docs/options.md)`;

const debugRequested = process.argv.includes('--debug') || process.env.PAMPHLETEER_DEBUG === '1';

/** Runs a command's action, turning any error into its message and exit code (the one reporter, describe-error.ts). */
function action<A extends unknown[]>(run: (...args: A) => Promise<ExitCode | void> | ExitCode | void) {
  return async (...args: A) => {
    let code: ExitCode;
    try {
      code = (await run(...args)) ?? 0;
    } catch (err) {
      const { text, exitCode } = describeError(err, debugRequested);
      process.stderr.write(text + '\n');
      code = exitCode;
    }
    await runCleanups();
    process.exitCode = code;
  };
}

/** The output named as a second argument (`impose in.pdf out.pdf`, as cp does) or with -o; not two different ones. */
function outputArgument(positional: string | undefined, option: string | undefined): string {
  if (positional !== undefined && option !== undefined && positional !== option) {
    throw new UserError(`two outputs given (${positional} and -o ${option}); name one.`);
  }
  const out = positional ?? option;
  if (out === undefined)
    throw new UserError('name the PDF to write: pamphleteer impose in.pdf out.pdf (or -o out.pdf).');
  return out;
}

/** An option taking one of some names, in any letter case, as the config reads them. */
function choice(flags: string, description: string, names: readonly string[]): Option {
  return new Option(flags, description).argParser((value: string) => {
    const name = value.toLowerCase();
    if (!names.includes(name)) throw new InvalidArgumentError(`Allowed choices are ${names.join(', ')}.`);
    return name;
  });
}

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;

const program = new Command()
  .name('pamphleteer')
  .description(
    `Markdown pamphlet with footnotes → EPUB, print PDF and zine.\nEvery option and config key: ${OPTIONS_DOC}`,
  )
  .version(packageJson.version, '-V, --version', 'print the version')
  .option('--debug', 'show the stack trace of internal errors')
  .showSuggestionAfterError(true)
  .addHelpText(
    'after',
    `${examples(
      'pamphleteer init my-pamphlet',
      'pamphleteer watch',
      'pamphleteer build',
      'pamphleteer build --all catalogue/ --json',
    )}
Exit codes: 0 ok · 1 manuscript, config or input error · 2 missing browser or tool · 3 internal error
Environment: PAMPHLETEER_BROWSER, PUPPETEER_EXECUTABLE_PATH (the browser), EPUBCHECK (for check),
  BROWSER (watch --open), PAMPHLETEER_DEBUG=1 (as --debug), SOURCE_DATE_EPOCH (reproducible dates)\n`,
  );

program
  .command('build')
  .description('make the EPUB, print PDF and zine of one or more projects')
  .argument('[dir...]', 'project folders (the ones holding manuscript/; default: this folder)')
  .option('--all', 'build every project folder inside the named folders (a catalogue)')
  .option('--only <outputs>', 'make only these, comma-separated: epub, pdf, zine, cover, press, riso')
  .option(
    '-o, --out <dir|file>',
    'write the outputs into this folder instead of the config’s outDir (default dist/); ' +
      'with one --only output, a file name such as book.epub',
  )
  .option('--html', 'also write the print edition’s HTML (<slug>.html), for debugging')
  .option(
    '--preview',
    'also write PNGs of the cover, the first spreads and every zine sheet side, with a diagram of each sheet ' +
      'side (page numbers, folds, cuts), into <out>/preview/ (needs pdftoppm)',
  )
  .option('--json', 'print a machine-readable summary on stdout (and nothing else)')
  .option('-q, --quiet', 'print only warnings and errors')
  .option('-j, --jobs <n>', 'builds to run at once when building several projects (default: number of cores)')
  .option(
    '--browser <path>',
    'Chrome/Chromium/Edge program to lay out the PDF (default: config, then PAMPHLETEER_BROWSER, then search)',
  )
  .option('--shard <K/N>', 'build only part K of N of the titles (a CI matrix); join them with `pamphleteer catalogue`')
  .option('--force', 'build every title again, even those whose outputs are up to date')
  .option('--site <dir>', 'where a catalogue build writes its site and OPDS feed (default: <catalogue>/site)')
  .option('--debug', 'show the stack trace of internal errors')
  .addHelpText(
    'after',
    examples(
      'pamphleteer build                       # this folder: dist/<slug>.epub, .pdf, -zine.pdf',
      'pamphleteer build --only epub           # just the EPUB (no browser needed)',
      'pamphleteer build my-zine --out ~/print --preview',
      'pamphleteer build --only epub -o book.epub',
      'pamphleteer build --all catalogue/ --jobs 4   # every project folder inside catalogue/',
      'pamphleteer build --json > summary.json',
    ),
  )
  .action(action(async (dirs: string[], opts) => (await import('./build-command.js')).buildCommand(dirs, opts)));

program
  .command('catalogue')
  .description(
    'make the catalogue site (index.html, a page per title) and OPDS feed from built titles, e.g. of every shard',
  )
  .argument(
    '[dir...]',
    'folders holding built titles (searched for the <slug>.json beside each title’s outputs; default: this folder)',
  )
  .option('-o, --out <dir>', 'the site’s folder (default: site/)')
  .option('--title <title>', 'the catalogue’s title (default: the publisher’s name, or "Catalogue")')
  .option('--json', 'print a machine-readable summary on stdout')
  .option('--debug', 'show the stack trace of internal errors')
  .addHelpText(
    'after',
    examples('pamphleteer catalogue titles/ -o site', 'pamphleteer catalogue shard-1/ shard-2/ -o public'),
  )
  .action(
    action(async (dirs: string[], opts) => (await import('./catalogue-command.js')).catalogueCommand(dirs, opts)),
  );

program
  .command('check')
  .description('report manuscript and config problems without building; run EPUBCheck on the built EPUB when installed')
  .argument('[dir...]', 'project folders (default: this folder)')
  .option('--all', 'check every project folder inside the named folders (a catalogue)')
  .option('--no-epubcheck', 'do not run EPUBCheck')
  .option('-o, --out <dir>', 'where the built EPUB is, if not the config’s outDir')
  .option('--debug', 'show the stack trace of internal errors')
  .addHelpText('after', examples('pamphleteer check', 'pamphleteer check my-zine --no-epubcheck'))
  .action(action(async (dirs: string[], opts) => (await import('./check-command.js')).checkCommand(dirs, opts)));

program
  .command('impose')
  .description('impose any PDF for printing as a zine: booklet, one-sheet minizine or quarter-size')
  .argument('<in.pdf>', 'the PDF to impose (pages in reading order)')
  .argument('[out.pdf]', 'the imposed PDF to write (or -o)')
  .option('-o, --out <out.pdf>', 'the imposed PDF to write')
  .addOption(choice('--layout <layout>', LAYOUT_NAMES.join(' | '), LAYOUT_NAMES).default(DEFAULT_LAYOUT))
  .option(
    '--sheet <sheet>',
    `${SHEET_NAMES.join(' | ')} | <w>x<h><unit> such as 11x17in (default: smallest that holds two pages)`,
  )
  .addOption(choice('--flip <edge>', `your printer’s duplex setting: ${FLIPS.join(' | ')}`, FLIPS).default(FLIPS[0]))
  .option(
    '--signature <pages>',
    `pages per signature, a multiple of 4 (${LAYOUTS.filter((layout) => layout.allowsSignature)
      .map((layout) => layout.name)
      .join(', ')})`,
  )
  .option('--cover', 'keep the last page as the back cover; blanks go before it')
  .option('--creep <length>', 'paper thickness, e.g. 0.1mm: inner sheets shift toward the spine')
  .option('--marks', 'fold marks, and cut marks for minizine and quarter')
  .option('--rtl', 'right-to-left binding')
  .option('--gutter', 'push pages against the spine instead of centering them')
  .option('--preview', 'also write an SVG picture of every sheet side next to the output')
  .option('--debug', 'show the stack trace of internal errors')
  .addHelpText(
    'after',
    () =>
      `${examples(
        'pamphleteer impose essay.pdf essay-zine.pdf',
        'pamphleteer impose zine.pdf -o print.pdf --layout minizine --marks',
        'pamphleteer impose book.pdf -o book-a4.pdf --sheet a4 --flip long --signature 16 --creep 0.1mm',
      )}\n${IMPOSE_HELP}`,
  )
  // More than two files (a shell pattern such as dist/*.pdf matched several) is named below, file by file.
  .allowExcessArguments(true)
  .action(
    action(async (input: string, output: string | undefined, opts, command: Command) => {
      if (command.args.length > 2) {
        throw new UserError(
          `impose takes one PDF and the PDF to write, but got ${command.args.length} files: ` +
            `${command.args.join(', ')}. A pattern such as dist/*.pdf matches every PDF there; name the one to impose.`,
        );
      }
      return (await import('./impose-command.js')).imposeCommand(input, {
        ...opts,
        out: outputArgument(output, opts.out),
      });
    }),
  );

program
  .command('import')
  .description('bring in Word documents (.docx) and saved web pages (.html), notes included, as a project')
  .argument('<file...>', 'the documents, in reading order: one book')
  .option(
    '--into <dir>',
    'the project folder to write, or an existing project to add to (default: from the first name)',
  )
  .option('--style-map <file>', 'Word styles to HTML, one mammoth style-map line each, tried before the defaults')
  .option('--debug', 'show the stack trace of internal errors')
  .addHelpText(
    'after',
    examples(
      'pamphleteer import essay.docx                # a new project in essay/',
      'pamphleteer import saved-article.html --into my-zine',
      'pamphleteer import part-1.docx part-2.docx --into book',
    ),
  )
  .action(action(async (files: string[], opts) => (await import('./import-command.js')).importCommand(files, opts)));

program
  .command('init')
  .description('start a new pamphlet project (manuscript with a sample note, config) that builds at once')
  .argument('[dir]', 'folder for the new project (created when missing)', '.')
  .option('--title <title>', 'the pamphlet’s title (default: from the folder name)')
  .option('--author <name>', 'the author (default: "Your Name")')
  .option(
    '--pamphleteer <spec>',
    'what the new package.json installs as pamphleteer: a version range, ' +
      'or a tarball or folder for an unpublished build (default: ^<this version>)',
  )
  .option('--debug', 'show the stack trace of internal errors')
  .addHelpText(
    'after',
    examples('pamphleteer init my-pamphlet', 'pamphleteer init zine --title "Fading Color" --author "J. Malco"'),
  )
  .action(action(async (dir: string, opts) => (await import('./init-command.js')).initCommand(dir, opts)));

program
  .command('watch')
  .description(
    'live preview at http://127.0.0.1:4000/ (this machine only): the print pages as spreads, ' +
      'the EPUB chapters and the zine, reloaded on every save',
  )
  .argument('[dir]', 'project folder', '.')
  .option('-p, --port <port>', 'port to listen on (default: config watch.port, 4000; the next free one when busy)')
  .option('--no-build', 'only preview; do not rebuild the outputs in dist/ after each save')
  .option('--open', 'open the preview in your web browser ($BROWSER, else the system default)')
  .option('--browser <path>', 'Chrome/Chromium/Edge program for rebuilding the PDF')
  .option('--debug', 'show the stack trace of internal errors')
  .addHelpText('after', examples('pamphleteer watch --open', 'pamphleteer watch my-zine --port 8080 --no-build'))
  .action(action(async (dir: string, opts) => (await import('./watch-command.js')).watchCommand(dir, opts)));

installInterruptHandlers();
// Not awaited at the top level: the bundle is a CommonJS script (scripts/bundle.mjs says why); each
// action reports its own errors (action() above).
void program.parseAsync(process.argv);
