// Issue 23's bars for a house a newcomer can read, measured on the source: no file over 350 lines
// and no function over 80 lines anywhere in src/ and flows/ (the stand's Ext app is browser-side
// JavaScript, not measured), no nesting deeper than 4 blocks in the runner.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return files(rel);
    return /\.(ts|tsx|mts)$/.test(rel) ? [rel.split(path.sep).join('/')] : [];
  });
}

const lines = (file: string) => readFileSync(path.join(ROOT, file), 'utf8').split('\n').length;

/** Functions longer than `max` lines and blocks nested deeper than `depth`, in one file. */
export function shapeProblems(file: string, text: string, max: number, depth: number): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const problems: string[] = [];
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const nests = (n: ts.Node) =>
    ts.isIfStatement(n) || ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n) || ts.isTryStatement(n) || ts.isSwitchStatement(n);
  const visit = (n: ts.Node, level: number) => {
    if (ts.isFunctionLike(n) && 'body' in n && n.body) {
      const length = lineOf(n.end) - lineOf(n.getStart(source)) + 1;
      if (length > max) problems.push(`${file}:${lineOf(n.getStart(source))} a function of ${length} lines`);
      level = 0;
    }
    // An else-if continues its if: it is not a level deeper.
    const chained = ts.isIfStatement(n) && ts.isIfStatement(n.parent) && n.parent.elseStatement === n;
    const next = nests(n) && !chained ? level + 1 : level;
    if (next > depth && !chained && nests(n)) problems.push(`${file}:${lineOf(n.getStart(source))} nesting ${next}`);
    ts.forEachChild(n, (c) => visit(c, next));
  };
  visit(source, 0);
  return problems;
}

describe('house sizes (issue 23)', () => {
  it('keeps every file of src/ and flows/ under 350 lines', () => {
    // No allow-list: a file that grows past 350 lines is split (ext.ts → ext-grid/ext-panel, the
    // registry's pages.ts → edit/create-form/print).
    const long = ['src', 'flows'].flatMap(files).filter((f) => lines(f) > 350);
    expect(long.map((f) => `${f}: ${lines(f)}`)).toEqual([]);
  });

  it('keeps every function of src/ and flows/ under 80 lines (in-page scripts and the stand’s routes too)', () => {
    const found = ['src', 'flows'].flatMap(files).flatMap((f) => shapeProblems(f, readFileSync(path.join(ROOT, f), 'utf8'), 80, Infinity));
    expect(found).toEqual([]);
  });

  it('keeps the runner’s nesting at 4 at most', () => {
    const found = files('src/runner').flatMap((f) => shapeProblems(f, readFileSync(path.join(ROOT, f), 'utf8'), 80, 4));
    expect(found).toEqual([]);
  });

  it('the measure catches a long function and a deep nest', () => {
    const body = Array.from({ length: 81 }, (_, i) => `  const a${i} = ${i};`).join('\n');
    expect(shapeProblems('x.ts', `function f() {\n${body}\n}\n`, 80, 4)).toEqual(['x.ts:1 a function of 83 lines']);
    const deep = 'function g(x: number) { if (x) { for (;;) { try { while (x) { if (x) { x--; } } } catch {} } } }';
    expect(shapeProblems('y.ts', deep, 80, 4)).toEqual(['y.ts:1 nesting 5']);
    expect(shapeProblems('z.ts', 'function h(x: number) { if (x) {} else if (x > 1) {} else if (x > 2) { if (x) { if (x) {} } } }', 80, 4)).toEqual([]);
  });
});
