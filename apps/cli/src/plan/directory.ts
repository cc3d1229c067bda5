import { createHash } from 'node:crypto';
import { ENTITY_ID_PATTERN } from '#domain';
import type { LogFold } from '#projections';

export interface DirectoryEntry {
  readonly id: string;
  readonly name: string;
}

export type Lookup =
  | { readonly found: DirectoryEntry }
  | { readonly missing: string }
  | { readonly ambiguous: readonly DirectoryEntry[] };

/** Names as compared: NFKC (full-width to ASCII), trimmed, inner spaces removed, lower case. */
const nameKey = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** Units or programmes, found by id or by name (ids win: `tibet` is the programme with that id). */
export class Directory {
  private readonly byId = new Map<string, DirectoryEntry>();
  private readonly byName = new Map<string, DirectoryEntry[]>();

  constructor(entries: Iterable<DirectoryEntry>) {
    for (const entry of entries) this.add(entry);
  }

  add(entry: DirectoryEntry): void {
    this.byId.set(entry.id, entry);
    const key = nameKey(entry.name);
    this.byName.set(key, [...(this.byName.get(key) ?? []).filter((e) => e.id !== entry.id), entry]);
  }

  lookup(value: string): Lookup {
    const text = value.trim();
    const byId = this.byId.get(text);
    if (byId) return { found: byId };
    const named = this.byName.get(nameKey(text)) ?? [];
    if (named.length === 1) return { found: named[0] };
    if (named.length > 1) return { ambiguous: named };
    return { missing: text };
  }

  get entries(): DirectoryEntry[] {
    return [...this.byId.values()];
  }
}

export function directoriesOf(fold: Pick<LogFold, 'units' | 'programs'>): {
  units: Directory;
  programmes: Directory;
} {
  return {
    units: new Directory(
      [...fold.units.values()].filter((u) => u.exists).map((u) => ({ id: u.unitId, name: u.name })),
    ),
    programmes: new Directory(
      [...fold.programs.values()].filter((p) => p.exists).map((p) => ({ id: p.programId, name: p.name })),
    ),
  };
}

/**
 * The id --create-missing gives a new unit or programme: the value itself when it is a
 * valid id (`foreign-languages`), else a prefix and 10 hex digits of the name's SHA-256
 * (`unit-3f2a…` for 外语学院), so the same name always gets the same id.
 */
export function newEntityId(kind: 'unit' | 'program', value: string): string {
  const text = value.trim();
  if (ENTITY_ID_PATTERN.test(text) && /^[a-z0-9][a-z0-9_.-]*$/.test(text)) return text;
  const hash = createHash('sha256').update(nameKey(text), 'utf8').digest('hex').slice(0, 10);
  return `${kind}-${hash}`;
}
