// Reads Prometheus' text exposition format (what GET /metrics answers) for the metrics tests.

export interface Series {
  labels: Record<string, string>;
  value: number;
}

/** Every sample, by metric name (a histogram's `_bucket`, `_sum` and `_count` are names of their own). */
export function parseExposition(text: string): Map<string, Series[]> {
  const metrics = new Map<string, Series[]>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const [, name = '', labelText = '', value = ''] = match;
    const labels: Record<string, string> = {};
    for (const [, key = '', raw = ''] of labelText.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[key] = raw.replace(/\\(.)/g, (_all, char: string) => (char === 'n' ? '\n' : char));
    const series = metrics.get(name) ?? [];
    series.push({ labels, value: Number(value) });
    metrics.set(name, series);
  }
  return metrics;
}

/** The sum of a metric's samples whose labels include `labels` (0 when there is none). */
export function sample(
  metrics: Map<string, Series[]>,
  name: string,
  labels: Record<string, string> = {},
): number {
  return (metrics.get(name) ?? [])
    .filter((series) => Object.entries(labels).every(([key, value]) => series.labels[key] === value))
    .reduce((sum, series) => sum + series.value, 0);
}
