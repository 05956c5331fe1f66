// The kernel's "Annotate it yourself" widget (generator.quiz.Annotate): the front end the static page runs,
// quiz-annotate.js, with what it imports, as one ES module with anywidget's contract (its _esm). Bundled and minified
// into annotate-widget.js by scripts/bundle-runtime.sh (esbuild, pinned in tests/browser/package.json); edit the
// sources, then run it. grade and textElement are exported too, for the tests that compare them with Python's.
export { default, grade, textElement } from './quiz-annotate.js';
