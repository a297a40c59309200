/**
 * Finds the functions of a JS/TS file that Interleave can run: top-level exported functions (a
 * Process target must be an export, since each worker imports the module afresh and takes it by
 * name). A light scanner instead of a parser: the TypeScript compiler would make the extension
 * tens of megabytes, and code lenses only need names, lines and parameter lists. Lines inside
 * block comments and template literals are skipped. No vscode import: unit-tested in plain Node.
 */

export interface RunnableFunction {
  name: string;
  /** 0-based line of the declaration. */
  line: number;
  /** The parameter list as written, trimmed ('' when none). */
  params: string;
  /** Whether it is the script's `main` (the runner's entry point). */
  isMain: boolean;
  /** Whether the file's code passes it as a Process/Pool target (`target: name`, `pool.map(name`). */
  isTarget: boolean;
}

const IDENT = '[A-Za-z_$][\\w$]*';
const DECLARATIONS: RegExp[] = [
  // export function f(  /  export async function* f<T>(  /  export default function f(
  new RegExp(`^export\\s+(?:default\\s+)?(?:async\\s+)?function\\s*\\*?\\s*(${IDENT})\\s*(?:<[^(]*>)?\\s*\\(`),
  // export const f = (  /  export const f: T = async (  /  export const f = function (
  new RegExp(`^export\\s+(?:const|let|var)\\s+(${IDENT})\\s*(?::(?:[^=]|=>)+)?=(?!>)\\s*(?:async\\s*)?(?:function\\s*\\*?\\s*(?:${IDENT})?\\s*)?(?:<[^(]*>)?\\s*\\(`),
  // export const f = async x =>  /  export const f = x =>
  new RegExp(`^export\\s+(?:const|let|var)\\s+(${IDENT})\\s*(?::(?:[^=]|=>)+)?=(?!>)\\s*(?:async\\s+)?(${IDENT})\\s*=>`),
  // exports.f = function (  /  module.exports.f = async (
  new RegExp(`^(?:module\\.)?exports\\.(${IDENT})\\s*=\\s*(?:async\\s*)?(?:function\\s*\\*?\\s*(?:${IDENT})?\\s*)?\\(`),
];

export function findRunnableFunctions(text: string): RunnableFunction[] {
  const lines = text.split(/\r?\n/);
  const lineStarts: number[] = [];
  let offset = 0;
  for (const l of lines) {
    lineStarts.push(offset);
    offset += l.length + 1;
  }
  const skipped = linesInsideCommentsOrTemplates(lines);
  const found: RunnableFunction[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    if (skipped.has(i)) continue;
    const line = lines[i];
    for (const re of DECLARATIONS) {
      const m = re.exec(line);
      if (!m) continue;
      const name = m[1];
      if (seen.has(name)) break;
      seen.add(name);
      // An arrow function with one bare parameter (`x =>`) has no parentheses.
      const params = m[2] !== undefined ? m[2] : readParams(text, lineStarts[i] + m[0].length - 1);
      found.push({ name, line: i, params, isMain: name === 'main', isTarget: false });
      break;
    }
  }
  const targets = targetNames(text);
  for (const f of found) f.isTarget = targets.has(f.name);
  return found;
}

/**
 * The 0-based line of the first `new Worker(` of a file (outside comments and template literals),
 * or -1: a plain worker_threads program, which Interleave runs as `node FILE` would.
 */
export function findWorkerCreation(text: string): number {
  const lines = text.split(/\r?\n/);
  const skipped = linesInsideCommentsOrTemplates(lines);
  for (let i = 0; i < lines.length; i++) {
    if (skipped.has(i)) continue;
    const code = lines[i].replace(/\/\*.*?\*\//g, '').replace(/\/\*.*$/, '').replace(/\/\/.*$/, '');
    if (/\bnew\s+(?:[A-Za-z_$][\w$]*\.)?Worker\s*\(/.test(code)) return i;
  }
  return -1;
}

/** The text between the '(' at `open` and its matching ')', with comments removed. */
function readParams(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) {
      return text.slice(open + 1, i).replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').trim();
    }
  }
  return '';
}

/** Names passed as Process targets or Pool tasks anywhere in the file. */
function targetNames(text: string): Set<string> {
  const names = new Set<string>();
  const patterns = [
    new RegExp(`\\btarget\\s*:\\s*(?:${IDENT}\\.)?(${IDENT})`, 'g'),
    new RegExp(`\\.(?:map|mapAsync|starmap|starmapAsync|apply|applyAsync|imap|imapUnordered)\\s*\\(\\s*(?:${IDENT}\\.)?(${IDENT})`, 'g'),
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) names.add(m[1]);
  return names;
}

/** Lines that start inside a block comment or a template literal (skipped as declarations). */
function linesInsideCommentsOrTemplates(lines: string[]): Set<number> {
  const skipped = new Set<number>();
  let inBlock = false;
  let inTemplate = false;
  for (let i = 0; i < lines.length; i++) {
    if (inBlock || inTemplate) skipped.add(i);
    const line = lines[i];
    let quote: string | null = null;
    for (let j = 0; j < line.length; j++) {
      const c = line[j];
      const next = line[j + 1];
      if (inBlock) {
        if (c === '*' && next === '/') { inBlock = false; j++; }
      } else if (inTemplate) {
        if (c === '\\') j++;
        else if (c === '`') inTemplate = false;
      } else if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = null;
      } else if (c === '/' && next === '/') {
        break;
      } else if (c === '/' && next === '*') {
        inBlock = true; j++;
      } else if (c === '`') {
        inTemplate = true;
      } else if (c === '"' || c === "'") {
        quote = c;
      }
    }
  }
  return skipped;
}
