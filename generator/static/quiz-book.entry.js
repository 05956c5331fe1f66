// The static book's quiz runtime in one file: styles, loader and module. Bundled and minified into quiz-book.js
// by scripts/bundle-runtime.sh (esbuild, pinned in tests/browser/package.json); edit the sources, then run it.
import './quiz-style.js';
import './quiz-static.js';
