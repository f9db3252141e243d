import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PackCandidate, PackReader } from '../../../server/src/packs';

/** Source tree paths: fixtures are read in place, not copied to out/. */
export const ROOT = path.resolve(__dirname, '../../../..');
export const FIXTURES = path.join(ROOT, 'test/fixtures/packs');

export const diskReader: PackReader = {
  readFile: (p) => fs.promises.readFile(p, 'utf8'),
  realPath: (p) => fs.promises.realpath(p),
};

/** A reader over files held in memory, keyed by absolute path; counts reads. */
export function memoryReader(files: Record<string, string>): PackReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile: async (p) => {
      reads.push(p);
      if (!(p in files)) throw Object.assign(new Error(`ENOENT: no such file, open '${p}'`), { code: 'ENOENT' });
      return files[p];
    },
  };
}

export function fixture(name: string, file = 'policy-pack.json'): PackCandidate {
  return { manifestPath: path.join(FIXTURES, name, file), origin: 'workspace' };
}
