import { existsSync, readFileSync, readdirSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import ts from 'typescript';

/**
 * The runtime import graph of a source tree, read with the TypeScript compiler's parser: an edge for each
 * `import … from`, `import '…'` and `export … from` of a relative module, except type-only ones
 * (`import type`, `export type`, or every named binding marked `type`), which vanish at runtime and
 * cannot make a cycle there (`withTypes` counts them too). Paths are relative to `root`, with `/`.
 */
export function runtimeImports(root: string, options: { withTypes?: boolean } = {}): Map<string, string[]> {
  const files = listSources(root);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(
      file,
      text,
      ts.ScriptTarget.Latest,
      false,
      file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const targets: string[] = [];
    for (const st of sf.statements) {
      const spec = options.withTypes ? anySpecifier(st) : runtimeSpecifier(st);
      if (!spec || !spec.startsWith('.')) continue;
      const target = resolveModule(dirname(file), spec);
      if (target) targets.push(key(root, target));
    }
    graph.set(key(root, file), [...new Set(targets)]);
  }
  return graph;
}

/** Any module an import or re-export names, type-only ones included. */
function anySpecifier(st: ts.Statement): string | undefined {
  if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier)
    return (st.moduleSpecifier as ts.StringLiteral).text;
  return undefined;
}

function runtimeSpecifier(st: ts.Statement): string | undefined {
  if (ts.isImportDeclaration(st)) {
    const clause = st.importClause;
    if (clause?.isTypeOnly) return undefined;
    if (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
      const els = clause.namedBindings.elements;
      if (els.length > 0 && els.every((e) => e.isTypeOnly)) return undefined;
    }
    return (st.moduleSpecifier as ts.StringLiteral).text;
  }
  if (ts.isExportDeclaration(st) && st.moduleSpecifier) {
    if (st.isTypeOnly) return undefined;
    if (st.exportClause && ts.isNamedExports(st.exportClause)) {
      const els = st.exportClause.elements;
      if (els.length > 0 && els.every((e) => e.isTypeOnly)) return undefined;
    }
    return (st.moduleSpecifier as ts.StringLiteral).text;
  }
  return undefined;
}

function resolveModule(from: string, spec: string): string | undefined {
  const base = resolve(from, spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.tsx?$/.test(candidate)) return candidate;
  }
  return undefined;
}

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listSources(p));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function key(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}

/** The strongly connected components with more than one file (or a file importing itself): every import cycle. */
export function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's algorithm, iterative so a deep tree cannot overflow the stack.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    while (work.length) {
      const frame = work[work.length - 1];
      const [v, i] = frame;
      if (i === 0) {
        index.set(v, next);
        low.set(v, next);
        next++;
        stack.push(v);
        onStack.add(v);
      }
      const edges = graph.get(v) ?? [];
      if (i < edges.length) {
        frame[1] = i + 1;
        const w = edges[i];
        if (!index.has(w)) work.push([w, 0]);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(w);
        } while (w !== v);
        if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
      }
    }
  }
  return out;
}
