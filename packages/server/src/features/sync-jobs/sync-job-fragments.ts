// The JSON of each listed job, kept by (id, revision), so a page the page cache cannot answer
// (another filter, sort or page, or any page once the domain's jobs moved) is joined from the
// jobs' JSON instead of read, mapped and serialised job by job. A job's revision counts every
// change to what the list shows of it, in the transaction that makes the change (migration 008,
// checked by test/store/list-version-check.ts), so JSON kept under a revision never shows less
// than that revision did, whichever instance wrote and whatever its clock said.
//
// Bounded in characters, in two generations: new entries go to the young one; when it holds half
// the budget it becomes the old one and the previous old one is dropped. An entry read from the
// old generation moves to the young one. Nearly least-recently-used, for two Map operations a
// hit instead of a reordering on every read (a page of 500 jobs reads 500 entries).
export interface JobFragments {
  /** The JSON of job `id` at `revision`, if kept. */
  get(id: string, revision: number): string | undefined;
  set(id: string, revision: number, json: string): void;
}

/** Characters of job JSON kept at most (a job of three organizations is about 360). */
export const JOB_FRAGMENTS_MAX_CHARACTERS = 16 * 1024 * 1024;

interface Fragment {
  revision: number;
  json: string;
}

export function createJobFragments(maxCharacters = JOB_FRAGMENTS_MAX_CHARACTERS): JobFragments {
  let young = new Map<string, Fragment>();
  let old = new Map<string, Fragment>();
  let youngCharacters = 0;
  const keep = (id: string, fragment: Fragment) => {
    if (youngCharacters + fragment.json.length > maxCharacters / 2) {
      old = young;
      young = new Map();
      youngCharacters = 0;
    }
    young.set(id, fragment);
    youngCharacters += fragment.json.length;
  };
  return {
    get(id, revision) {
      const fragment = young.get(id);
      if (fragment) return fragment.revision === revision ? fragment.json : undefined;
      const aged = old.get(id);
      if (aged?.revision !== revision) return undefined;
      old.delete(id);
      keep(id, aged);
      return aged.json;
    },
    set(id, revision, json) {
      // A job of thousands of organizations would push out most others for one page's sake.
      if (maxCharacters === 0 || json.length > maxCharacters / 16) return;
      const previous = young.get(id);
      if (previous) {
        young.delete(id);
        youngCharacters -= previous.json.length;
      }
      old.delete(id);
      keep(id, { revision, json });
    },
  };
}
