import { Table, UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';

export interface SortState<K extends string> {
  key: K;
  direction: 'asc' | 'desc';
}

/** Sort state of a dense table (product.md §7: dense, sortable tables) and the rows in that order. */
export function useSortedRows<T, K extends string>(
  rows: T[],
  initial: SortState<K>,
  sortValue: (row: T, key: K) => string | number | null,
) {
  const [sort, setSort] = useState<SortState<K>>(initial);
  const sorted = useMemo(() => {
    const factor = sort.direction === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      if (typeof x === 'number' && typeof y === 'number') return (x - y) * factor;
      return String(x).localeCompare(String(y), 'ja') * factor;
    });
  }, [rows, sort, sortValue]);
  const toggle = (key: K) =>
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: 'asc' },
    );
  return { sorted, sort, toggle };
}

/** A column header that sorts its table when pressed, announcing the order through aria-sort. */
export function SortableTh<K extends string>({
  column,
  sort,
  onSort,
  children,
  numeric = false,
  className,
}: {
  column: K;
  className?: string;
  sort: SortState<K>;
  onSort: (key: K) => void;
  children: string;
  numeric?: boolean;
}) {
  const active = sort.key === column;
  return (
    <Table.Th
      scope="col"
      className={className}
      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
      style={{ whiteSpace: 'nowrap', textAlign: numeric ? 'right' : undefined }}
    >
      <UnstyledButton onClick={() => onSort(column)} fw={700} fz="inherit" style={{ whiteSpace: 'nowrap' }}>
        {children}
        <span aria-hidden="true" style={{ marginInlineStart: 2, opacity: active ? 1 : 0.35 }}>
          {active && sort.direction === 'desc' ? '▼' : '▲'}
        </span>
      </UnstyledButton>
    </Table.Th>
  );
}
