// mocha's browser build (the web worker has no Node), set up before the suites load: index.ts
// imports this first, so describe() and it() exist when the suites are evaluated.
import 'mocha/mocha.js';

declare const mocha: { setup(options: object): void };

mocha.setup({ ui: 'bdd', reporter: undefined, timeout: 60_000, color: false });
