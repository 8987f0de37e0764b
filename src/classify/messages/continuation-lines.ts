/**
 * The lines of a multi-line message field, without the TAB the stderr writer
 * puts before each continuation line. csvlog and jsonlog keep the text as is,
 * so the TAB is only removed when every continuation line has one: a query
 * indented with TABs in a csv field keeps its indentation unless all of its
 * lines start with one (then a single TAB per line is lost).
 */
export function continuationLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines.slice(1).every((l) => l.charCodeAt(0) === 9)) {
    for (let i = 1; i < lines.length; i++) lines[i] = lines[i]!.slice(1);
  }
  return lines;
}

/** The text with the stderr continuation TABs removed (see continuationLines). */
export const untabContinuations = (text: string): string =>
  text.includes('\n\t') ? continuationLines(text).join('\n') : text;
