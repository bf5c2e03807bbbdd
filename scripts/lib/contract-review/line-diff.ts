// A line diff for the review report: the longest common subsequence of two short texts (examples,
// a few hundred lines at most), printed like `diff -u` without hunk headers, long unchanged runs
// folded. Pure.

/** `-`, `+` and ` ` lines turning `before` into `after`. */
export function lineDiff(before: string, after: string): string[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  // common[i][j]: the longest common subsequence of a[i..] and b[j..].
  const common = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    const row = common[i] as number[];
    const next = common[i + 1] as number[];
    for (let j = b.length - 1; j >= 0; j--) {
      row[j] =
        a[i] === b[j] ? (next[j + 1] as number) + 1 : Math.max(next[j] as number, row[j + 1] as number);
    }
  }
  const lines: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push(` ${a[i]}`);
      i++;
      j++;
    } else if (i < a.length && (j === b.length || (common[i + 1]?.[j] ?? 0) >= (common[i]?.[j + 1] ?? 0))) {
      lines.push(`-${a[i]}`);
      i++;
    } else {
      lines.push(`+${b[j]}`);
      j++;
    }
  }
  return lines;
}

/** Runs of more than `2 * context` unchanged lines folded to `context` on each side and a marker. */
export function foldUnchanged(lines: readonly string[], context = 3): string[] {
  const folded: string[] = [];
  let run: string[] = [];
  const flush = (atEnd: boolean) => {
    const head = folded.length === 0 ? 0 : context;
    const tail = atEnd ? 0 : context;
    if (run.length > head + tail + 1) {
      folded.push(...run.slice(0, head), ` ... ${run.length - head - tail} unchanged lines`);
      folded.push(...run.slice(run.length - tail));
    } else folded.push(...run);
    run = [];
  };
  for (const line of lines) {
    if (line.startsWith(' ')) run.push(line);
    else {
      flush(false);
      folded.push(line);
    }
  }
  flush(true);
  return folded;
}
