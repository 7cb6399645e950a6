// Types for src/cli/mimeTypes.mjs.
export declare function mimeType(filePath: string): string;
