/** Fuzz profile: quick in `npm test`, long in `npm run fuzz` (FLOWBOOK_FUZZ_RUNS=100000). */
export const FUZZ_RUNS = Number(process.env.FLOWBOOK_FUZZ_RUNS ?? 200);
