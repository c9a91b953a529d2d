// Quoting for the Azure CLI commands offered as fixes (change-commands.ts writes them). Every value that comes from an
// inventory (names, resource groups, ids, service endpoint strings, prefixes) goes through quoteArg, so a fix is safe to
// paste whatever the names hold.

// '=' only after the first character: zsh expands a word starting with '=' to a command's path.
const PLAIN = /^[\w.\-/:,][\w.\-/:,=]*$/;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

const isControl = (ch: string): boolean => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f;

/** Control characters as their escape ('\\n', '\\x1b'): valid in ANSI-C quoting and readable in a comment. */
function escapeControls(text: string): string {
  return [...text]
    .map((ch) => (isControl(ch) ? (ESCAPES[ch] ?? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`) : ch))
    .join('');
}

/**
 * One shell word holding exactly the value: as it is when plain, else in single quotes. A value with a control
 * character (a newline, a carriage return, an escape) is written in ANSI-C quoting ($'...', bash and zsh) with the
 * character escaped, so a fix never holds a raw newline from a name: none can end a line, start a command or, placed
 * after a '#', leave the comment.
 */
function q(value: string): string {
  if (PLAIN.test(value)) return value;
  if (![...value].some(isControl)) return `'${value.replace(/'/g, `'\\''`)}'`;
  return `$'${escapeControls(value.replace(/[\\']/g, (c) => `\\${c}`))}'`;
}

/** A placeholder the user replaces ('<key>'), quoted so that pasting it unchanged is an error of az, not a redirect. */
export function placeholder(text: string): string {
  return q(`<${text}>`);
}

/** A trailing comment; control characters of inventory values in it are escaped, so it ends where its line ends. */
export function shellComment(text: string): string {
  return `  # ${escapeControls(text)}`;
}

/** Azure rule names: letters, digits, '_', '.', '-'. */
export function ruleName(text: string): string {
  return text.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '');
}

export function resourceGroupOf(id: string): string | undefined {
  return /\/resourceGroups\/([^/]+)/i.exec(id)?.[1];
}

/** The resource group as the inventory gives it, else as its id says. */
export function rgOf(resource: { id: string; resourceGroup: string }): string {
  return resource.resourceGroup || resourceGroupOf(resource.id) || '<resource group>';
}

export { q as quoteArg };
