/** Playwright launch options naming the browser, and where it was found (for the log line). */
export interface ResolvedChromium {
  executablePath?: string;
  channel?: string;
  source: string;
}

export declare const INSTALL_MESSAGE: string;
export declare const CHROMIUM_ARGS: string[];
/** Throws an Error saying what to install when no Chromium or Chrome is found. */
export declare function findChromium(): ResolvedChromium;
