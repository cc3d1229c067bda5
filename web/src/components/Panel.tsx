import type { ReactNode } from 'react';

/** A titled panel; while `empty` holds a note, the note stands in for the content. */
export function Panel({
  id,
  title,
  empty,
  children,
}: {
  id: string;
  title: string;
  empty: string | null;
  children: ReactNode;
}) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {empty !== null ? <p className="muted">{empty}</p> : children}
    </section>
  );
}

/** The header row of a table: one column header per label. */
export function ColumnHeads({ labels }: { labels: readonly string[] }) {
  return (
    <thead>
      <tr>
        {labels.map((label) => (
          <th key={label} scope="col">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
