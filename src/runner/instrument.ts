/**
 * The load-time source transform that makes a plain program's shared memory visible: each element
 * access `E[K]` of the user's code becomes a check of whether E is a view over a SharedArrayBuffer,
 * with the original access as the fast path:
 *
 *   x = a[i]    →   x = (typeof (i) === 'number' && (a) != null && (a)[__ilM] ? __il.r(a, i, SITE) : a[i])
 *   a[i] = v    →   (… ? __il.w(a, i, v, SITE) : a[i] = v)
 *   a[i] += v   →   (… ? __il.w(a, i, __il.r(a, i, SITE) + v, SITE) : a[i] += v)   (a read, then a write)
 *   a[i]++      →   (… ? __il.u(a, i, 1, 0, SITE) : a[i]++)
 *
 * and every `Atomics` becomes the recording Atomics of runtime/plain/atomics.ts, and
 * `new SharedArrayBuffer(n)` is registered with the name of the variable it is assigned to.
 *
 * Why a transform and not recording Proxies over shared views (both were measured: README.md,
 * "Plain worker_threads programs"): the check stays at its own site, so code that touches no shared
 * memory keeps its own inline caches (measured within noise of the original on arrays, typed
 * arrays and strings, and unchanged on dictionary objects thanks to the `typeof` test, which
 * skips string keys before any lookup), and a shared access costs one call instead of a Proxy
 * trap with a string key (3.7x the cost, measured) — and views stay real typed arrays, so
 * Atomics, postMessage, ArrayBuffer.isView and Node's APIs take them as they are. Each site's
 * source line is known here, so every access carries its exact line at no cost.
 *
 * Line numbers are kept: edits never add or remove a newline. A part written twice (the check
 * and the recording call repeat E and K) must be free of side effects and fit on one line; when
 * it is not, the site uses the one-copy helper form `__il.rg(E, K, SITE)` (E, K and V evaluated
 * once, in order), whose own generic access is slower for unshared objects but is correct.
 *
 * Not instrumented (their accesses are not traced): optional chains `a?.[i]`, destructuring
 * targets `[a[0]] = …`, `for (a[i] of …)`, `delete a[i]`, string keys `a['0']` and for-in keys,
 * code made at run time with eval or new Function, and files under node_modules.
 */
import { Parser } from 'acorn';
import { SKIP_KEYS, hasFunction, hasSuspension, isElement, isNode, isPure, isValuePosition, nameFor, oneLine, type AnyNode } from './instrument-syntax';

interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface InstrumentResult {
  code: string;
  /** Instrumented sites (element accesses, Atomics uses, buffer creations). */
  sites: number;
}

/** A part written twice must be at most this long (longer ones take the one-copy helper form). */
const MAX_DUPLICATED_CHARS = 120;

/**
 * Instruments a JavaScript source (CommonJS or ESM). Returns null when there is nothing to
 * instrument; throws a SyntaxError (acorn's) when the source does not parse.
 */
export function instrumentSource(code: string, file: string, sourceType: 'script' | 'module'): InstrumentResult | null {
  // Cheap pre-check: a file without any computed member access, Atomics or SharedArrayBuffer has
  // nothing to instrument (most library-like helpers), and skipping the parse saves its cost.
  if (!/\[|Atomics|SharedArrayBuffer/.test(code)) return null;
  const ast = Parser.parse(code, {
    ecmaVersion: 'latest',
    sourceType,
    allowHashBang: true,
    allowReturnOutsideFunction: sourceType === 'script',
    allowAwaitOutsideFunction: sourceType === 'module',
    locations: true,
  }) as unknown as AnyNode;
  const transform = new Transform(code);
  transform.visit(ast, null, null);
  if (transform.edits.length === 0) return null;
  const prelude =
    `var __il = globalThis[Symbol.for('interleave.plain')], __ilM = __il.M, __ilA = __il.Atomics, ` +
    `__ilS = __il.sites(${JSON.stringify(file)}, ${JSON.stringify(transform.sites)});`;
  const at = preludeOffset(code, ast);
  const edits = transform.edits.sort((x, y) => x.start - y.start);
  let out = '';
  let from = 0;
  let preluded = false;
  for (const edit of edits) {
    if (!preluded && at <= edit.start) {
      out += code.slice(from, at) + prelude;
      from = at;
      preluded = true;
    }
    out += code.slice(from, edit.start) + edit.text;
    from = edit.end;
  }
  if (!preluded) {
    out += code.slice(from, at) + prelude;
    from = at;
  }
  out += code.slice(from);
  return { code: out, sites: transform.sites.length / 2 };
}

/** Where the prelude goes: after a hashbang line and after a directive prologue ('use strict'). */
function preludeOffset(code: string, ast: AnyNode): number {
  let at = 0;
  if (code.startsWith('#!')) {
    const newline = code.indexOf('\n');
    at = newline < 0 ? code.length : newline + 1;
  }
  const body = ast.body as AnyNode[];
  for (const statement of body) {
    if (statement.type !== 'ExpressionStatement' || typeof statement.directive !== 'string') break;
    at = statement.end;
  }
  return at;
}

class Transform {
  readonly edits: Edit[] = [];
  /** Line and column (1-based) of each site, flattened. */
  readonly sites: number[] = [];

  /** The nodes above the one being visited (its parent last), and the key each child sits at. */
  private readonly ancestors: AnyNode[] = [];
  private readonly keys: (string | null)[] = [];
  private readonly visited = new Set<AnyNode>();

  constructor(private readonly code: string) {}

  visit(node: AnyNode, parent: AnyNode | null, key: string | null): void {
    // A shorthand property `{ x }` holds one node as both key and value: visit it once.
    if (this.visited.has(node)) return;
    this.visited.add(node);
    // Children first (post-order): a node's rewrite is built from its children's rewritten text.
    this.ancestors.push(node);
    for (const field of Object.keys(node)) {
      if (SKIP_KEYS.has(field)) continue;
      const value = node[field];
      this.keys.push(field);
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) this.visit(item, node, field);
      } else if (isNode(value)) {
        this.visit(value, node, field);
      }
      this.keys.pop();
    }
    this.ancestors.pop();
    switch (node.type) {
      case 'MemberExpression':
        if (this.isInstrumentedRead(node, parent, key)) this.read(node);
        break;
      case 'AssignmentExpression':
        if (isElement(node.left as AnyNode)) this.assign(node);
        break;
      case 'UpdateExpression':
        if (isElement(node.argument as AnyNode)) this.update(node);
        break;
      case 'Identifier':
        if (node.name === 'Atomics' && isValuePosition(parent, key)) this.replace(node, '__ilA');
        break;
      case 'CallExpression': {
        const arity = atomicsArity(node);
        if (arity !== undefined) this.atomicsCall(node, arity);
        break;
      }
      case 'NewExpression': {
        const callee = node.callee as AnyNode;
        if (callee.type === 'Identifier' && callee.name === 'SharedArrayBuffer') {
          const name = this.bufferName(node);
          const site = this.site(node);
          this.wrap(node, (inner) => `__il.sab(${inner}, ${site}, ${JSON.stringify(name)})`);
        }
        break;
      }
    }
  }

  private isInstrumentedRead(node: AnyNode, parent: AnyNode | null, key: string | null): boolean {
    if (!isElement(node) || parent === null) return false;
    switch (parent.type) {
      case 'AssignmentExpression':
        return key !== 'left';
      case 'UpdateExpression':
        return false;
      case 'CallExpression':
      case 'NewExpression':
        return key !== 'callee';
      case 'TaggedTemplateExpression':
        return key !== 'tag';
      case 'UnaryExpression':
        return parent.operator !== 'delete';
      case 'ForInStatement':
      case 'ForOfStatement':
        return key !== 'left';
      case 'ArrayPattern':
      case 'ObjectPattern':
      case 'RestElement':
      case 'ChainExpression':
        return false;
      case 'AssignmentPattern':
        return key !== 'left';
      case 'Property':
        // `({ x: a[0] } = obj)`: a destructuring target inside an object pattern.
        return !(key === 'value' && this.ancestors[this.ancestors.length - 2]?.type === 'ObjectPattern');
      default:
        return true;
    }
  }

  private read(node: AnyNode): void {
    const site = this.site(node);
    const object = node.object as AnyNode;
    const property = node.property as AnyNode;
    this.rewrite(node, [object, property], (texts, original) => {
      const [e, k] = texts;
      if (this.duplicable(object, e) && this.duplicable(property, k)) {
        return `(${check(e, k)} ? __il.r(${e}, ${k}, ${site}) : ${original})`;
      }
      return `__il.rg(${e}, ${k}, ${site})`;
    });
  }

  private assign(node: AnyNode): void {
    const target = node.left as AnyNode;
    const object = target.object as AnyNode;
    const property = target.property as AnyNode;
    const value = node.right as AnyNode;
    const operator = node.operator as string;
    const site = this.site(target);
    this.rewrite(node, [object, property, value], (texts, original) => {
      const [e, k, v] = texts;
      const inline = this.duplicable(object, e) && this.duplicable(property, k) && oneLine(v) && !hasFunction(value);
      if (operator === '=') {
        return inline ? `(${check(e, k)} ? __il.w(${e}, ${k}, ${v}, ${site}) : ${original})` : `__il.wg(${e}, ${k}, ${v}, ${site})`;
      }
      if (operator === '&&=' || operator === '||=' || operator === '??=') {
        const op = operator.slice(0, 2);
        // The one-copy form defers the value in a closure, which cannot hold a yield or an await.
        if (!inline) return hasSuspension(value) ? original : `__il.lg(${e}, ${k}, ${JSON.stringify(op)}, () => (${v}), ${site})`;
        return `(${check(e, k)} ? (__il.r(${e}, ${k}, ${site}) ${op} __il.w(${e}, ${k}, ${v}, ${site})) : ${original})`;
      }
      const op = operator.slice(0, -1);
      if (!inline) return `__il.cg(${e}, ${k}, ${JSON.stringify(op)}, ${v}, ${site})`;
      return `(${check(e, k)} ? __il.w(${e}, ${k}, __il.r(${e}, ${k}, ${site}) ${op} (${v}), ${site}) : ${original})`;
    });
  }

  private update(node: AnyNode): void {
    const target = node.argument as AnyNode;
    const object = target.object as AnyNode;
    const property = target.property as AnyNode;
    const delta = node.operator === '++' ? 1 : -1;
    const prefix = node.prefix === true ? 1 : 0;
    const site = this.site(target);
    this.rewrite(node, [object, property], (texts, original) => {
      const [e, k] = texts;
      if (this.duplicable(object, e) && this.duplicable(property, k)) {
        return `(${check(e, k)} ? __il.u(${e}, ${k}, ${delta}, ${prefix}, ${site}) : ${original})`;
      }
      return `__il.ug(${e}, ${k}, ${delta}, ${prefix}, ${site})`;
    });
  }

  /**
   * `Atomics.op(a, b)` becomes `__ilA.op(a, b, undefined, site)`: the optional arguments padded to
   * the operation's full arity, then the call's site, so an Atomics call's line is known without
   * capturing a stack (a stack per call tripled the cost of an Atomics-heavy program).
   */
  private atomicsCall(node: AnyNode, arity: number): void {
    const args = node.arguments as AnyNode[];
    const site = this.site(node);
    this.rewrite(node, [node.callee as AnyNode, ...args], (texts) => {
      const [callee, ...given] = texts;
      const padding = Array.from({ length: arity - given.length }, () => 'undefined');
      return `${callee}(${[...given, ...padding, site].join(', ')})`;
    });
  }

  /** Registers a site at the node's start; returns its expression (the module's base + index). */
  private site(node: AnyNode): string {
    const start = (node.loc as { start: { line: number; column: number } }).start;
    this.sites.push(start.line, start.column + 1);
    return `__ilS + ${this.sites.length / 2 - 1}`;
  }

  /**
   * Replaces `node` with build(texts of `parts`, rendered text of node): every edit already made
   * inside the node (its children's rewrites, made first) is folded into those texts.
   */
  private rewrite(node: AnyNode, parts: AnyNode[], build: (texts: string[], original: string) => string): void {
    const inner = this.takeEditsWithin(node.start, node.end);
    const texts = parts.map((part) => this.render(part.start, part.end, inner));
    const original = this.render(node.start, node.end, inner);
    this.edits.push({ start: node.start, end: node.end, text: build(texts, original) });
  }

  private wrap(node: AnyNode, build: (inner: string) => string): void {
    const inner = this.takeEditsWithin(node.start, node.end);
    this.edits.push({ start: node.start, end: node.end, text: build(this.render(node.start, node.end, inner)) });
  }

  private replace(node: AnyNode, text: string): void {
    this.edits.push({ start: node.start, end: node.end, text });
  }

  /**
   * A readable name for a SharedArrayBuffer from where it is made: the variable, property or
   * assignment target it goes to, directly or through a view made over it
   * (`const counts = new Int32Array(new SharedArrayBuffer(8))` names it "counts").
   */
  private bufferName(node: AnyNode): string {
    let child = node;
    for (let i = this.ancestors.length - 1; i >= 0; i--) {
      const parent = this.ancestors[i]!;
      const key = this.keys[i] ?? null;
      const through = (parent.type === 'NewExpression' || parent.type === 'CallExpression') && (parent.arguments as AnyNode[])[0] === child;
      if (!through) return nameFor(parent, key);
      child = parent;
    }
    return '';
  }

  /** Edits inside [start, end), removed from the list (post-order: they are its last ones). */
  private takeEditsWithin(start: number, end: number): Edit[] {
    let first = this.edits.length;
    while (first > 0 && this.edits[first - 1]!.start >= start && this.edits[first - 1]!.end <= end) first--;
    return this.edits.splice(first);
  }

  private render(start: number, end: number, edits: Edit[]): string {
    edits.sort((x, y) => x.start - y.start);
    let out = '';
    let from = start;
    for (const edit of edits) {
      if (edit.start < start || edit.end > end) continue;
      out += this.code.slice(from, edit.start) + edit.text;
      from = edit.end;
    }
    return out + this.code.slice(from, end);
  }

  /** Whether a part may be written twice: no side effects, and on one line. */
  private duplicable(node: AnyNode, text: string): boolean {
    return oneLine(text) && text.length <= MAX_DUPLICATED_CHARS && isPure(node);
  }
}

/** Each Atomics operation's full arity (its optional arguments included; the site comes after). */
const ATOMICS_ARITY: Readonly<Record<string, number>> = {
  load: 2, store: 3, add: 3, sub: 3, and: 3, or: 3, xor: 3, exchange: 3,
  compareExchange: 4, wait: 4, waitAsync: 4, notify: 3,
};

/**
 * The arity of a direct `Atomics.op(...)` call that can take a site argument; undefined for any
 * other call: a computed or optional call, spread arguments, or more arguments than the operation
 * takes (where a site would land in the wrong place: those calls sample their location instead).
 */
function atomicsArity(node: AnyNode): number | undefined {
  const callee = node.callee as AnyNode;
  if (node.optional === true || callee.type !== 'MemberExpression' || callee.computed === true || callee.optional === true) return undefined;
  const object = callee.object as AnyNode;
  const property = callee.property as AnyNode;
  if (object.type !== 'Identifier' || object.name !== 'Atomics' || property.type !== 'Identifier') return undefined;
  const arity = Object.hasOwn(ATOMICS_ARITY, property.name as string) ? ATOMICS_ARITY[property.name as string] : undefined;
  const args = node.arguments as AnyNode[];
  if (arity === undefined || args.length > arity || args.some((a) => a.type === 'SpreadElement')) return undefined;
  return arity;
}

function check(e: string, k: string): string {
  return `typeof (${k}) === 'number' && (${e}) != null && (${e})[__ilM]`;
}
