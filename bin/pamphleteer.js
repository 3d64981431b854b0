#!/usr/bin/env node
// The TypeScript sources are compiled and bundled into lib/ by `npm ci` (the "prepare" script: npm run compile).
import('../lib/bundle/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('/lib/bundle/main.js')) {
    console.error('pamphleteer: the compiled code is missing; run `npm ci` (or `npm run compile`) first.');
    process.exit(3);
  }
  throw err;
});
