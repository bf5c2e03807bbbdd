// Small HTTP helpers shared by the two fakes: JSON and HTML answers, bounded bodies, and the faults
// that look the same whatever the cloud (reset, stall, malformed JSON, HTML error pages, redirects).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Fault } from './faults.ts';

const MAX_BODY_BYTES = 64 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** Where the `redirect` fault sends clients unless told otherwise; answered with an HTML page. */
export const MAINTENANCE_PATH = '/maintenance';

/** An HTML page, as real outages, proxies and unknown paths answer. */
export function sendHtml(response: ServerResponse, status: number, title: string, text: string): void {
  const page = `<!DOCTYPE html>\n<html><head><title>${status} ${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>\n`;
  response.writeHead(status, {
    'content-type': 'text/html;charset=UTF-8',
    'content-length': Buffer.byteLength(page),
  });
  response.end(page);
}

/** Waits, unless the client went away meanwhile (then resolves early). */
export async function delay(
  response: ServerResponse,
  ms: number,
  holds: Promise<void>[] = [],
): Promise<void> {
  if (ms <= 0 && holds.length === 0) return;
  const controller = new AbortController();
  const abort = () => controller.abort();
  response.once('close', abort);
  const gone = new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve()));
  try {
    if (ms > 0) await sleep(ms, undefined, { signal: controller.signal });
    if (holds.length > 0) await Promise.race([Promise.all(holds), gone]);
  } catch {
    // the client went away; the caller notices response.destroyed
  } finally {
    response.off('close', abort);
  }
}

/**
 * Answers the faults whose effect does not depend on the cloud. Returns false for the others,
 * which the cloud's handler answers in its own error shape.
 */
export function answerTransportFault(fault: Fault, response: ServerResponse): boolean {
  switch (fault.kind) {
    case 'reset':
      response.socket?.destroy();
      return true;
    case 'stall':
      response.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
      response.write('{"totalSize":');
      response.flushHeaders();
      return true;
    case 'malformed-json':
      response.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
      response.end('{"totalSize":3,"done":tru');
      return true;
    case 'html-error':
      sendHtml(response, fault.status ?? 503, 'Service Unavailable', 'The service is down for maintenance.');
      return true;
    case 'redirect': {
      response.writeHead(fault.status ?? 302, {
        location: fault.location ?? MAINTENANCE_PATH,
        'content-type': 'text/html;charset=UTF-8',
      });
      response.end('<html><body>Moved</body></html>');
      return true;
    }
    default:
      return false;
  }
}

export function retryAfterHeader(seconds: number | undefined): Record<string, string> {
  return seconds === undefined ? {} : { 'retry-after': String(seconds) };
}
