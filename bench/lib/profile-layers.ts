// Attributes the samples of a V8 CPU profile to the server's layers. Each sample goes to the
// nearest frame (from the leaf up) that belongs to a known layer; frames without a source (native
// code, Ajv's generated validators) defer to their callers. The server runs as one bundled file
// (dist/main.js): its frames are placed in their original module through the bundle's source map.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const LAYERS: [string, RegExp][] = [
  ['response validation', /express-openapi-validator.*(openapi\.response\.validator|modded\.express\.mung)/],
  ['auth (JWT)', /\/jose@|\/http\/auth\.[jt]s/],
  ['request validation', /express-openapi-validator|\/ajv@|\/ajv-formats@|fast-uri|json-schema-traverse/],
  [
    'database',
    /\/pg@|\/pg-protocol@|\/pg-pool@|\/pg-types@|\/kysely@|\/better-sqlite3@|\/server\/(dist|src)\/(db|store)\//,
  ],
  [
    'logging',
    /\/pino@|\/pino-http@|\/pino-std-serializers@|\/@pinojs|sonic-boom|thread-stream|\/logger\.[jt]s/,
  ],
  ['serialisation (res.json)', /express@[^/]+\/node_modules\/express\/lib\/response\.js/],
  [
    'Express + body parsing',
    /\/express@|\/router@|\/body-parser@|\/finalhandler@|path-to-regexp|parseurl|\/send@|content-type|type-is|raw-body|iconv-lite|\/qs@|on-finished|\/http\/(json-body|request-context|middleware-chain)\.[jt]s/,
  ],
  ['our handlers and services', /\/packages\/server\/(dist|src)\//],
  ['Node.js HTTP and sockets', /^node:(_http|net|internal\/(http|streams|stream_base|net))/],
];

export interface LayerTimes {
  /** Milliseconds of CPU per layer (idle excluded). */
  layers: Map<string, number>;
  totalMs: number;
}

/** Where a frame of a bundled file comes from: the original module's absolute path. */
function originalSources(): (frame: ProfileNode['callFrame']) => string {
  const maps = new Map<string, SourceMap | undefined>();
  return (frame) => {
    if (!frame.url.startsWith('file://')) return frame.url;
    const file = fileURLToPath(frame.url);
    if (!maps.has(file)) {
      const mapFile = `${file}.map`;
      maps.set(
        file,
        file.endsWith('/dist/main.js') && existsSync(mapFile)
          ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')))
          : undefined,
      );
    }
    const map = maps.get(file);
    if (!map) return frame.url;
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string };
    return entry.originalSource ? resolve(dirname(file), entry.originalSource) : frame.url;
  };
}

export function attributeProfile(file: string): LayerTimes {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const sourceOf = originalSources();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const layerOf = new Map<number, string>();
  const classify = (id: number): string => {
    const cached = layerOf.get(id);
    if (cached) return cached;
    const frame = (byId.get(id) as ProfileNode).callFrame;
    const { functionName } = frame;
    const url = frame.url ? sourceOf(frame) : '';
    let layer: string | undefined;
    if (functionName === '(garbage collector)') layer = 'garbage collection';
    else if (functionName === '(idle)' || functionName === '(program)' || functionName === '(root)')
      layer = functionName;
    else if (url) layer = LAYERS.find(([, pattern]) => pattern.test(url))?.[0];
    if (!layer) {
      const parent = parentOf.get(id);
      layer = parent === undefined ? 'other' : classify(parent);
      if (layer === '(root)') layer = url ? 'other' : 'native, unattributed';
    }
    layerOf.set(id, layer);
    return layer;
  };
  const layers = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const layer = classify(id);
    if (layer === '(idle)') return;
    layers.set(layer, (layers.get(layer) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return { layers, totalMs: [...layers.values()].reduce((sum, ms) => sum + ms, 0) };
}
