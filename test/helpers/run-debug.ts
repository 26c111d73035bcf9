import { analyzeSample } from './fixtures';
(async () => {
  for (const f of process.argv.slice(2)) {
    const a = await analyzeSample(f as any);
    console.log('##', f);
    for (const t of a.tables) console.log('T', t.sheet, t.range, t.kind);
    for (const x of a.findings)
      if (x.code !== 'table-not-found') console.log(x.severity, x.code, x.sheet, x.cell, x.message.slice(0, 160));
    if (a.internalErrors.length) console.log('ERR', a.internalErrors);
  }
})();
