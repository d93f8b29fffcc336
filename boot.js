// Starts the app: imports the wasm-bindgen module and instantiates its wasm,
// both named (with their content hashes) by the <script> tag Trunk writes from
// `pattern_script` in Trunk.toml. This file replaces Trunk's inline module
// script, so that the page's Content-Security-Policy can forbid inline scripts.
const tag = document.querySelector('script[data-app-js]');
const { default: init } = await import(tag.dataset.appJs);
await init({ module_or_path: tag.dataset.appWasm });
