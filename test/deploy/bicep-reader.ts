import { readFileSync } from 'node:fs';

/**
 * Just enough of Bicep to compare a template with the files around it: top-level `param` and `output`
 * declarations, `module` references with their `params`, and the web app's `appSettings` name/value pairs.
 */
export interface BicepParam {
  name: string;
  type: string;
  hasDefault: boolean;
}

export interface BicepModule {
  symbol: string;
  path: string;
  body: string;
  params: string[];
}

export interface BicepFile {
  text: string;
  targetScope: string;
  params: BicepParam[];
  outputs: string[];
  modules: BicepModule[];
}

/** The text between the bracket at `open` and its partner (brackets inside quotes are skipped). */
export function bracketed(text: string, open: number): string {
  const pairs: Record<string, string> = { '{': '}', '[': ']', '(': ')' };
  const stack: string[] = [];
  let quoted = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'" && text[i - 1] !== '\\') quoted = !quoted;
    if (quoted) continue;
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return text.slice(open + 1, i);
    }
  }
  throw new Error(`unbalanced bracket at offset ${open}`);
}

/** Keys of a `{ key: value ... }` object body, at its top level only. */
export function objectKeys(body: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let quoted = false;
  let lineStart = true;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "'") quoted = !quoted;
    if (!quoted && '{[('.includes(c)) depth++;
    if (!quoted && '}])'.includes(c)) depth--;
    if (lineStart && depth === 0 && !quoted) {
      const key = /^\s*([A-Za-z_]\w*)\s*:/.exec(
        body.slice(i, body.indexOf('\n', i) === -1 ? undefined : body.indexOf('\n', i)),
      );
      if (key) keys.push(key[1]);
    }
    lineStart = c === '\n';
  }
  return keys;
}

export function parseBicep(text: string): BicepFile {
  const withoutComments = text.replace(/^\s*\/\/.*$/gm, '');
  const params = [...withoutComments.matchAll(/^param\s+(\w+)\s+(\w+)(\s*=.*)?$/gm)].map((m) => ({
    name: m[1],
    type: m[2],
    hasDefault: m[3] !== undefined,
  }));
  const outputs = [...withoutComments.matchAll(/^output\s+(\w+)\s+\w+\s*=/gm)].map((m) => m[1]);
  const modules = [...withoutComments.matchAll(/^module\s+(\w+)\s+'([^']+)'\s*=\s*/gm)].map((m) => {
    const start = (m.index ?? 0) + m[0].length;
    const body = bracketed(withoutComments, start);
    const paramsAt = /\bparams:\s*\{/.exec(body);
    const params = paramsAt ? objectKeys(bracketed(body, paramsAt.index + paramsAt[0].length - 1)) : [];
    return { symbol: m[1], path: m[2], body, params };
  });
  const scope = /^targetScope\s*=\s*'(\w+)'/m.exec(withoutComments);
  return { text: withoutComments, targetScope: scope ? scope[1] : 'resourceGroup', params, outputs, modules };
}

export const readBicep = (path: string): BicepFile => parseBicep(readFileSync(path, 'utf8'));

/** `{ name: 'X', value: <expression> }` entries of the first `appSettings: [ ... ]` array. */
export function appSettings(file: BicepFile): Map<string, string> {
  const at = /appSettings:\s*\[/.exec(file.text);
  if (!at) return new Map();
  const block = bracketed(file.text, at.index + at[0].length - 1);
  return new Map(
    [...block.matchAll(/name:\s*'([A-Za-z0-9_]+)'\s*,?\s*value:\s*(.+?)\s*\}?\s*$/gm)].map((m) => [m[1], m[2]]),
  );
}

/** Names a Bicep file declares: params, vars, resources, modules, outputs, and loop and lambda variables. */
export function declaredSymbols(file: BicepFile): Set<string> {
  const names = [
    ...file.text.matchAll(/^(?:param|var|resource|module|output)\s+(\w+)/gm),
    ...file.text.matchAll(/\bfor\s+(\w+)\s+in\b/g),
    ...file.text.matchAll(/\b(\w+)\s*=>/g),
  ].map((m) => m[1]);
  return new Set(names);
}

/** Symbols the file refers to: `x.properties`, `x.id`, `x.name`, `x.outputs`, `x.listKeys()`, `parent: x`, `scope: x`, `dependsOn` items. */
export function referencedSymbols(file: BicepFile): Set<string> {
  const names = [
    ...file.text.matchAll(/(?<![\w.)])([A-Za-z_]\w*)\.(?:properties|id|name|outputs|listKeys)\b/g),
    ...file.text.matchAll(/^\s*(?:parent|scope):\s*([A-Za-z_]\w*)\s*$/gm),
  ].map((m) => m[1]);
  for (const m of file.text.matchAll(/dependsOn:\s*\[([^\]]*)\]/g)) names.push(...(m[1].match(/[A-Za-z_]\w*/g) ?? []));
  return new Set(names);
}
