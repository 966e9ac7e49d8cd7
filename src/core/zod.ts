// zod, configured before any schema exists: the page's Content-Security-Policy forbids eval, and a
// schema made before `jitless` is set probes `Function('')` at its first parse (a CSP violation on
// every load). Every module that makes a schema imports z from here, so none can come first.
import { z } from 'zod';

z.config({ jitless: true });

export { z };
