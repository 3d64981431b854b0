import path from 'node:path';
import { watch as watchFiles } from 'chokidar';
import { CONFIG_FILES } from '../config/load-config.js';
import { STYLES_DIR, TEMPLATES_DIR } from '../templates/render.js';

/** Saves come in bursts (editors write a temp file, then rename): wait for quiet before rebuilding. */
const DEBOUNCE_MS = 80;

export interface ProjectWatcher {
  close(): Promise<void>;
}

/**
 * Watches a project's manuscript, config, styles and images, and pamphleteer's own templates and
 * styles, and calls `onChange` once a burst of saves is over, with the last file changed (relative
 * to the project when inside it). The output folder, node_modules, .git, the cache (.pamphleteer-cache)
 * and editors' temporary files are not watched, so a build's own writes never start another.
 */
export function watchProject(root: string, outDir: string, onChange: (shown: string) => void): ProjectWatcher {
  const watcher = watchFiles([root, TEMPLATES_DIR, STYLES_DIR], {
    ignoreInitial: true,
    ignored: (file: string) => {
      const rel = path.relative(root, file);
      if (file === outDir || file.startsWith(outDir + path.sep)) return true;
      return (
        /(^|[/\\])(node_modules|\.git|\.pamphleteer-cache)([/\\]|$)/.test(rel) ||
        /(^|[/\\])\.[^/\\]+\.tmp$/.test(rel) ||
        /~$|\.swp$/.test(file)
      );
    },
  });
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, file) => {
    const rel = path.relative(root, file);
    const relevant = !rel.startsWith('..')
      ? /\.(md|markdown|css|ejs|json|ya?ml|png|jpe?g|gif|svg|webp)$/i.test(file) || CONFIG_FILES.includes(rel)
      : true;
    if (!relevant) return;
    clearTimeout(timer);
    timer = setTimeout(() => onChange(rel.startsWith('..') ? file : rel), DEBOUNCE_MS);
  });
  return {
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
