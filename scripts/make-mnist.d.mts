/** Types of scripts/make-mnist.mjs, for the test that checks the committed file against it. */
export declare const IMAGE_MAGIC: number;
export declare const IMAGE_VERSION: number;
export declare const IMAGE_HEADER_BYTES: number;
export declare function encodeImages(images: Uint8Array, labels: Uint8Array, rows: number, cols: number): Uint8Array;
export declare function encodeMnist(): Uint8Array;
