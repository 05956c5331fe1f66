// Builds the runtime's two generated files from the readable sources beside them, in generator/static:
// - quiz-book.js: the static book's quiz runtime (styles, loader and module) in one minified classic script (no
//   exports: pages run it inline, right after their content);
// - annotate-widget.js: the kernel's "Annotate it yourself" widget, one minified ES module (anywidget's _esm).
// Run by scripts/bundle-runtime.sh; `--stdout [NAME]` prints one of them (quiz-book.js without NAME) instead of
// writing them.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const dir = fileURLToPath(new URL('../../generator/static/', import.meta.url));
const BANNER = '// medialit: built by scripts/bundle-runtime.sh';

// quiz.css, minified, as the text the entry imports
const cssAsText = {
  name: 'css-as-minified-text',
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await esbuild.transform(await readFile(args.path, 'utf8'), { loader: 'css', minify: true });
      // a custom property's value starts after the colon: the space esbuild keeps there is not part of it
      return { contents: code.trim().replace(/(--[\w-]+): /g, '$1:'), loader: 'text' };
    });
  },
};

const common = { bundle: true, minify: true, charset: 'utf8', legalComments: 'none', write: false, logLevel: 'warning' };
const outputs = {
  'quiz-book.js': {
    entryPoints: [dir + 'quiz-book.entry.js'], format: 'iife', plugins: [cssAsText],
    // the comment on the first line is V8's compile hint: every function of this file runs on load, compile them at once
    banner: { js: '//# allFunctionsCalledOnLoad\n' + BANNER },
  },
  'annotate-widget.js': { entryPoints: [dir + 'annotate-widget.entry.js'], format: 'esm', banner: { js: BANNER } },
};

const at = process.argv.indexOf('--stdout');
if (at >= 0) {
  const name = process.argv[at + 1] || 'quiz-book.js';
  if (!outputs[name]) throw new Error('no such bundle: ' + name);
  process.stdout.write((await esbuild.build({ ...common, ...outputs[name] })).outputFiles[0].text);
} else {
  for (const [name, options] of Object.entries(outputs)) {
    await writeFile(dir + name, (await esbuild.build({ ...common, ...options })).outputFiles[0].text);
  }
}
