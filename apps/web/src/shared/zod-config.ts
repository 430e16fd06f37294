import { z } from 'zod';

// Zod compiles object parsers with `new Function` unless told not to, and merely probing for that
// is a script-src violation under our Content-Security-Policy (no 'unsafe-eval', issue 12 §8).
// This module is imported first by main.tsx: the setting is read when each schema is built.
z.config({ jitless: true });
