/**
 * A word of a command line the CLI prints for the user to copy (a script's path, a trace's), as a
 * POSIX shell reads it back: as it is when it holds nothing the shell would split or expand, else
 * in single quotes (a quote inside written '\'').
 */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
