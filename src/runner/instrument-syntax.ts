/**
 * What the load-time transform (instrument.ts) asks of the syntax tree: which member expressions
 * are element accesses, which parts may be written twice, where an identifier is a value, what a
 * new buffer's variable is called. Pure functions of acorn's ESTree nodes.
 */
import type { Node } from 'acorn';

export interface AnyNode extends Node {
  [key: string]: unknown;
}

/** ESTree fields that hold no child nodes. */
export const SKIP_KEYS = new Set(['type', 'start', 'end', 'loc', 'range', 'raw', 'value', 'regex', 'bigint', 'sourceType']);

export function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** `E[K]` with a computed key that may be an element index (not `a['name']`, not `super[k]`). */
export function isElement(node: AnyNode): boolean {
  if (node.type !== 'MemberExpression' || node.computed !== true || node.optional === true) return false;
  if ((node.object as AnyNode).type === 'Super') return false;
  const property = node.property as AnyNode;
  return !(property.type === 'Literal' && typeof property.value === 'string');
}

export function oneLine(text: string): boolean {
  return !text.includes('\n') && !text.includes('\r') && !text.includes('\u2028') && !text.includes('\u2029');
}

/** Evaluating it twice gives the same value and does nothing else (no call, no assignment...). */
export function isPure(node: AnyNode): boolean {
  switch (node.type) {
    case 'Identifier':
    case 'ThisExpression':
      return true;
    case 'Literal':
      return node.regex === undefined;
    case 'MemberExpression':
      return node.computed !== true && node.optional !== true && isPure(node.object as AnyNode);
    case 'UnaryExpression':
      return node.operator !== 'delete' && isPure(node.argument as AnyNode);
    case 'BinaryExpression':
    case 'LogicalExpression':
      return isPure(node.left as AnyNode) && isPure(node.right as AnyNode);
    case 'ConditionalExpression':
      return isPure(node.test as AnyNode) && isPure(node.consequent as AnyNode) && isPure(node.alternate as AnyNode);
    case 'TemplateLiteral':
      return (node.expressions as AnyNode[]).every(isPure);
    default:
      return false;
  }
}

export function hasFunction(node: AnyNode): boolean {
  if (node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'ClassExpression') return true;
  for (const field of Object.keys(node)) {
    if (SKIP_KEYS.has(field)) continue;
    const value = node[field];
    if (Array.isArray(value)) {
      if (value.some((item) => isNode(item) && hasFunction(item))) return true;
    } else if (isNode(value) && hasFunction(value)) {
      return true;
    }
  }
  return false;
}

/** Whether an Identifier named Atomics is a reference to the global (not a key or a binding). */
export function isValuePosition(parent: AnyNode | null, key: string | null): boolean {
  if (parent === null) return true;
  switch (parent.type) {
    case 'MemberExpression':
      return key === 'object' || parent.computed === true;
    case 'Property':
      return key === 'value' && parent.shorthand !== true;
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return key !== 'key' || parent.computed === true;
    case 'VariableDeclarator':
      return key === 'init';
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'ClassDeclaration':
    case 'ClassExpression':
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
    case 'ExportSpecifier':
    case 'CatchClause':
    case 'ArrayPattern':
    case 'ObjectPattern':
    case 'RestElement':
    case 'AssignmentPattern':
      return false;
    case 'AssignmentExpression':
      return key === 'right';
    default:
      return true;
  }
}

/** The name of the variable, property or assignment target a value at parent[key] goes to. */
export function nameFor(parent: AnyNode, key: string | null): string {
  switch (parent.type) {
    case 'VariableDeclarator':
      return key === 'init' && (parent.id as AnyNode).type === 'Identifier' ? ((parent.id as AnyNode).name as string) : '';
    case 'AssignmentExpression': {
      if (key !== 'right') return '';
      const left = parent.left as AnyNode;
      if (left.type === 'Identifier') return left.name as string;
      if (left.type === 'MemberExpression' && left.computed !== true) return ((left.property as AnyNode).name as string) ?? '';
      return '';
    }
    case 'Property':
    case 'PropertyDefinition': {
      const k = parent.key as AnyNode;
      return key === 'value' && parent.computed !== true && k.type === 'Identifier' ? (k.name as string) : '';
    }
    default:
      return '';
  }
}

/** Whether an expression holds a yield or an await of its own (not inside a nested function). */
export function hasSuspension(node: AnyNode): boolean {
  if (node.type === 'YieldExpression' || node.type === 'AwaitExpression') return true;
  if (node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'FunctionDeclaration') return false;
  for (const field of Object.keys(node)) {
    if (SKIP_KEYS.has(field)) continue;
    const value = node[field];
    if (Array.isArray(value)) {
      if (value.some((item) => isNode(item) && hasSuspension(item))) return true;
    } else if (isNode(value) && hasSuspension(value)) {
      return true;
    }
  }
  return false;
}
