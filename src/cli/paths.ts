// Where the package lives on disk (for package.json, dist/ and the Vite build).
import { fileURLToPath } from 'node:url';

/** The package root: the folder holding package.json, src/ and dist/. */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
