// «Муниципалитет»: one of the configured names, matched ignoring case, spaces, ё/е and Latin
// look-alike letters; otherwise the nearest name is suggested.
import { display, type CellValue } from './cells.js';
import { bad, ok, type Checked } from './check.js';
import { collapseSpaces, fold, latinToCyrillic, levenshtein, normaliseDashes, shown } from './text.js';

/** The comparison form: no spaces at all, so «г.Озёрск» and «г. Озерск» are the same place. */
export function normaliseMunicipality(s: string): string {
  return fold(latinToCyrillic(normaliseDashes(collapseSpaces(s)))).replace(/\s+/g, '');
}

export interface MunicipalityMatcher {
  /** Canonical name for a typed one, if any. */
  match(raw: string): string | undefined;
  /** The closest canonical names (ties included), with the distance. */
  nearest(raw: string): { names: string[]; distance: number };
  names: readonly string[];
}

export function municipalityMatcher(names: readonly string[]): MunicipalityMatcher {
  const byNorm = new Map<string, string>();
  for (const n of names) if (!byNorm.has(normaliseMunicipality(n))) byNorm.set(normaliseMunicipality(n), n);
  return {
    names,
    match: (raw) => byNorm.get(normaliseMunicipality(raw)),
    nearest(raw) {
      const k = normaliseMunicipality(raw);
      let best: string[] = [];
      let distance = Infinity;
      for (const [norm, name] of byNorm) {
        const d = levenshtein(k, norm);
        if (d < distance) [best, distance] = [[name], d];
        else if (d === distance) best.push(name);
      }
      return { names: best, distance };
    },
  };
}

const quoteList = (xs: readonly string[]) => xs.map((x) => `«${x}»`).join(', ');

export function parseMunicipality(cell: CellValue, m: MunicipalityMatcher, fallback?: string): Checked<string> {
  const raw = collapseSpaces(display(cell));
  if (raw === '') {
    if (fallback) return ok(fallback);
    return bad('муниципалитет не заполнен', `Выберите муниципалитет из списка в ячейке: ${quoteList(m.names)}.`);
  }
  const found = cell.kind === 'text' ? m.match(raw) : undefined;
  if (found) return ok(found);
  const { names, distance } = m.nearest(raw);
  const close = distance <= Math.max(3, Math.ceil(normaliseMunicipality(raw).length * 0.4));
  const suggestion =
    close && names.length > 0
      ? `Возможно, имелось в виду ${quoteList(names.slice(0, 3))}. Выберите название из списка в ячейке.`
      : `Выберите из списка в ячейке: ${quoteList(m.names)}.`;
  return bad(`муниципалитета «${shown(raw)}» нет в списке Навигатора`, suggestion);
}
