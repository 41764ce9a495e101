// The bytes every contender moves: printable ASCII lines of exactly 100
// characters (99 + newline), deterministic, so the pty path and the in-page
// path parse the same text. The pty turns "\n" into "\r\n" (onlcr); the
// in-page generator writes "\r\n" itself.
export const LINE_BYTES = 100;

/** Self-contained (no outer references): its source text also runs in the page. */
export function line(i: number, eol: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#%&()*+,-./:;<=>?@[]^_{|}~';
  const head = String(i).padStart(10, '0');
  let body = '';
  for (let k = 0; k < 100 - 1 - 11; k++) body += alphabet[(i + k) % alphabet.length];
  return `${head} ${body}${eol}`;
}
