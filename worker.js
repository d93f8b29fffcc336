// A Web Worker of the page (src/worker.rs in web/). The page and its workers
// share one wasm module: the page's first message names the app's JavaScript
// (wasm-bindgen's, hashed by Trunk) and carries the module the page already
// compiled, so the worker downloads and compiles nothing. Instantiating it runs
// the module's start, which, outside a window, takes the role the worker's
// name gives it and says Ready; the page sends nothing else before that.
self.onmessage = async (event) => {
  self.onmessage = null;
  const { js, module } = event.data;
  try {
    const { default: init } = await import(js);
    await init({ module_or_path: module });
  } catch (error) {
    // Thrown again outside the promise, so that the page gets the worker's
    // `error` event (a rejected promise alone would leave it waiting).
    setTimeout(() => { throw error; });
  }
};
