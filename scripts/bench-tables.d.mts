/** The bench's JSON files, as bench/kernels.bench.ts, bench/browser/run.mjs and ui.mjs write them (read loosely). */
export interface BenchResults {
  browser?: any;
  kernels?: any;
  ui?: any;
}

export declare const BEGIN: string;
export declare const END: string;
export declare const RESULT_FILES: string[];
/** The generated markdown for whichever results are given. */
export declare function renderTables(results: BenchResults, generatedOn?: string): string;
/** `doc` with only the text between the markers replaced; throws when the markers are missing or out of order. */
export declare function replaceBetweenMarkers(doc: string, generated: string, docName?: string): string;
