// Attributes the samples of a V8 CPU profile to the server's layers. Each sample goes to the
// nearest frame (from the leaf up) that belongs to a known layer; frames without a source (native
// code, Ajv's generated validators) defer to their callers.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const LAYERS: [string, RegExp][] = [
  ['response validation', /express-openapi-validator.*(openapi\.response\.validator|modded\.express\.mung)/],
  ['auth (JWT)', /\/jose@|\/http\/auth\.js/],
  ['request validation', /express-openapi-validator|\/ajv@|\/ajv-formats@|fast-uri|json-schema-traverse/],
  [
    'database',
    /\/pg@|\/pg-protocol@|\/pg-pool@|\/pg-types@|\/kysely@|\/better-sqlite3@|\/db\/|-repository\.js/,
  ],
  ['logging', /\/pino@|\/pino-http@|\/pino-std-serializers@|\/@pinojs|sonic-boom|thread-stream|\/logger\.js/],
  ['serialisation (res.json)', /express@[^/]+\/node_modules\/express\/lib\/response\.js/],
  [
    'Express + body parsing',
    /\/express@|\/router@|\/body-parser@|\/finalhandler@|path-to-regexp|parseurl|\/send@|content-type|type-is|raw-body|iconv-lite|\/qs@|on-finished|\/http\/(json-body|request-context)\.js/,
  ],
  ['our handlers and services', /\/packages\/server\/dist\//],
  ['Node.js HTTP and sockets', /^node:(_http|net|internal\/(http|streams|stream_base|net))/],
];

export interface LayerTimes {
  /** Milliseconds of CPU per layer (idle excluded). */
  layers: Map<string, number>;
  totalMs: number;
}

export function attributeProfile(file: string): LayerTimes {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const layerOf = new Map<number, string>();
  const classify = (id: number): string => {
    const cached = layerOf.get(id);
    if (cached) return cached;
    const { functionName, url } = (byId.get(id) as ProfileNode).callFrame;
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
