// The JSON of each listed job, kept by (id, revision), so a page the page cache cannot answer
// (another filter, sort or page, or any page once the domain's jobs moved) is joined from the
// jobs' JSON instead of read, mapped and serialised job by job. A job's revision counts every
// change to what the list shows of it, in the transaction that makes the change (migration 008,
// checked by test/store/list-version-check.ts), so JSON kept under a revision never shows less
// than that revision did, whichever instance wrote and whatever its clock said.
//
// Each is kept with its UTF-8 length, so a page is written into one buffer of the right size, job
// by job, without joining a string of the page first and encoding it after.
//
// Bounded in bytes, in two generations: new entries go to the young one; when it holds half
// the budget it becomes the old one and the previous old one is dropped. An entry read from the
// old generation moves to the young one. Nearly least-recently-used, for two Map operations a
// hit instead of a reordering on every read (a page of 500 jobs reads 500 entries).
export interface JobFragments {
  /** The JSON of job `id` at `revision`, if kept. */
  get(id: string, revision: number): JobJson | undefined;
  /** Keeps `json` as job `id`'s at `revision`; returns it with its length either way. */
  set(id: string, revision: number, json: string): JobJson;
}

/** A job's JSON and the number of bytes of its UTF-8. */
export interface JobJson {
  json: string;
  bytes: number;
}

/** Bytes of job JSON kept at most (a job of three organizations is about 360). */
export const JOB_FRAGMENTS_MAX_BYTES = 16 * 1024 * 1024;

interface Fragment extends JobJson {
  revision: number;
}

export function createJobFragments(maxBytes = JOB_FRAGMENTS_MAX_BYTES): JobFragments {
  let young = new Map<string, Fragment>();
  let old = new Map<string, Fragment>();
  let youngBytes = 0;
  const keep = (id: string, fragment: Fragment) => {
    if (youngBytes + fragment.bytes > maxBytes / 2) {
      old = young;
      young = new Map();
      youngBytes = 0;
    }
    young.set(id, fragment);
    youngBytes += fragment.bytes;
  };
  return {
    get(id, revision) {
      const fragment = young.get(id);
      if (fragment) return fragment.revision === revision ? fragment : undefined;
      const aged = old.get(id);
      if (aged?.revision !== revision) return undefined;
      old.delete(id);
      keep(id, aged);
      return aged;
    },
    set(id, revision, json) {
      const fragment = { revision, json, bytes: Buffer.byteLength(json) };
      // A job of thousands of organizations would push out most others for one page's sake.
      if (maxBytes === 0 || fragment.bytes > maxBytes / 16) return fragment;
      const previous = young.get(id);
      if (previous) {
        young.delete(id);
        youngBytes -= previous.bytes;
      }
      old.delete(id);
      keep(id, fragment);
      return fragment;
    },
  };
}
