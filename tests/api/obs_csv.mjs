// tests/api/obs_csv.mjs: read the observatory's CSV exports in the tests
// (tests/api/obs_*.test.mjs, tests/e2e/obs.test.mjs): one line (';'
// separated, "…" quoting with "" inside, as web/export.c writes it) into
// its cells.  Labels such as « … (1,89 ; seuils 2,50 et 4,00) … » hold a
// ';', so a plain split would shift the columns.
export function csvRow(line) {
  const out = [];
  let cell = '', q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q && ch === '"' && line[i + 1] === '"') { cell += '"'; i++; }
    else if (ch === '"') q = !q;
    else if (ch === ';' && !q) { out.push(cell); cell = ''; }
    else cell += ch;
  }
  out.push(cell);
  return out;
}
