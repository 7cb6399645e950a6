// Compiles a WebAssembly module shipped as base64 (scripts/build-wasm.sh), so
// workers, Node and tests load it the same way, with no fetch.

/** The module, or null where it cannot be compiled (no WebAssembly, no SIMD, no synchronous compiling on this thread). */
export function compileBase64(base64: string): WebAssembly.Module | null {
  try {
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k);
    return new WebAssembly.Module(bytes);
  } catch {
    return null;
  }
}
