/**
 * npm run bench: every stage's figures on generated handbooks. Each part lives in its own file
 * and is optional here so a missing part never hides the others' figures.
 */
async function part(name: string, load: () => Promise<() => Promise<unknown>>): Promise<void> {
  (json ? console.error : console.log)(`\n== ${name}`);
  try {
    const run = await load();
    const rows = await run();
    if (Array.isArray(rows)) console.table(rows);
    else if (rows !== undefined) console.log(rows);
  } catch (e) {
    console.log(`  (skipped: ${(e as Error).message.split('\n')[0]})`);
  }
}

// Flags (--json, --save-baseline) are for the parts that read them, not part names.
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const json = process.argv.includes('--json');
const want = (n: string) => only.length === 0 || only.includes(n);

if (want('startup')) await part('start-up', async () => (await import('./startup.js' as string)).benchStartup);
if (want('check')) await part('read + check', async () => (await import('./check.js')).benchCheck);
if (want('native')) await part('native diagrams', async () => (await import('./native.js' as string)).benchNative);
// The site bench before the Mermaid one, which deletes its cache: see writeGeneratedHandbook on deletions.
if (want('site')) await part('site build', async () => (await import('./site.js' as string)).benchSite);
if (want('incremental')) await part('incremental build', async () => (await import('./incremental.js' as string)).benchIncremental);
if (want('mermaid')) await part('mermaid diagrams', async () => (await import('./mermaid.js' as string)).benchMermaid);
if (want('search')) await part('search', async () => (await import('./search.js' as string)).benchSearch);
if (want('print')) await part('print', async () => (await import('./print.js' as string)).benchPrint);
if (want('layout')) await part('layout quality', async () => (await import('./layout.js' as string)).benchLayout);
if (want('dev')) await part('dev server', async () => (await import('./dev.js' as string)).benchDev);
