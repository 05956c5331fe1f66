// quiz.css as a <style> element, ahead of the loader (which then adds no <link>). Only for the bundle: the
// bundler inlines the style sheet as text.
import css from './quiz.css';

const style = document.createElement('style');
style.setAttribute('data-mlq', '');
style.textContent = css;
document.head.append(style);
