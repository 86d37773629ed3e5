/**
 * Property tests in the quick profile (`npm test`, CI) use a fixed seed, so a run is reproducible
 * and CI does not pass or fail by chance; `npm run fuzz` (FLOWBOOK_FUZZ_RUNS) explores new seeds.
 * FLOWBOOK_FUZZ_SEED replays a seed that fast-check reported.
 */
import fc from 'fast-check';

const seed = process.env.FLOWBOOK_FUZZ_SEED !== undefined ? Number(process.env.FLOWBOOK_FUZZ_SEED) : process.env.FLOWBOOK_FUZZ_RUNS === undefined ? 20261127 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
