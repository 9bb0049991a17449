import { Paper, Table, type TableProps, Text } from "@mantine/core";
import { Children, type ReactNode } from "react";
import { ListPagination } from "./list-pagination";

/**
 * A server-side list's table: bordered, scrolling sideways on a phone rather than squeezing its
 * columns, saying so when nothing matches the filters, and paged below (?page=).
 */
export function ListTable({
  head,
  children,
  minWidth,
  empty,
  paging,
  ...tableProps
}: {
  /** The header cells. */
  head: ReactNode;
  /** The rows. */
  children: ReactNode;
  /** Below this width the table scrolls instead of wrapping every cell. */
  minWidth: number;
  /** What to say when there is no row, or null to say nothing. */
  empty: ReactNode | null;
  paging: { total: number; page: number; pageSize: number };
} & TableProps) {
  return (
    <>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={minWidth}>
          <Table striped verticalSpacing="sm" {...tableProps}>
            <Table.Thead>
              <Table.Tr>{head}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>{children}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {empty && Children.count(children) === 0 && (
          <Text c="dimmed" ta="center" py="xl">
            {empty}
          </Text>
        )}
      </Paper>
      <ListPagination {...paging} />
    </>
  );
}
