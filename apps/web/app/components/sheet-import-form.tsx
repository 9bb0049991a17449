import { Alert, Anchor, Button, FileInput, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { IconFileSpreadsheet } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link, useFetcher } from "react-router";
import type { FormFailure } from "~/lib/actions.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";

type SheetError = { row: number; field: string; message: string; value?: string };
type Answer = { ok: true; done: boolean; imported: number; rows: number; errors: SheetError[] } | FormFailure;

/**
 * A spreadsheet import's form (see sheetImportAction): choose the file and check it; a clean sheet
 * is confirmed with a second button, a refused one lists its rows' problems (the first 500).
 * `ns` holds the page's words (`deputies`, `sessions`); `columnLabel` names a column.
 */
export function SheetImportForm({
  ns,
  maw,
  columnLabel,
  done,
  children,
}: {
  ns: "deputies" | "sessions" | "voting";
  maw: number;
  columnLabel: (field: string) => string;
  /** Where the imported rows are listed, offered once the import is done. */
  done: { to: string; label: string };
  /** Under the file input: a template to download, say. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<Answer>();
  const errors = useFormErrors(fetcher.data);
  const result = fetcher.data?.ok ? fetcher.data : null;
  const busy = (intent: string) => fetcher.state !== "idle" && fetcher.formData?.get("intent") === intent;
  const tr = t as (key: string, values?: Record<string, string | number>) => string;
  return (
    <Paper withBorder p="lg" maw={maw}>
      <fetcher.Form method="post" encType="multipart/form-data">
        <Stack>
          <Group align="flex-end">
            <FileInput
              name="file"
              label={tr(`${ns}.importFile`)}
              description={tr(`${ns}.importFileHint`)}
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              leftSection={<IconFileSpreadsheet size={16} />}
              required
              clearable
              error={errors.field("file") ?? errors.form}
              style={{ flex: 1, minWidth: 240 }}
            />
            <Button type="submit" name="intent" value="check" variant="default" loading={busy("check")}>
              {tr(`${ns}.importCheck`)}
            </Button>
          </Group>
          {children}
          {result?.done && (
            <Alert color="green" title={tr(`${ns}.importDone`, { count: result.imported })}>
              <Anchor component={Link} to={done.to}>
                {done.label}
              </Anchor>
            </Alert>
          )}
          {result && !result.done && result.errors.length === 0 && (
            <Alert color="blue" title={tr(`${ns}.importReady`, { count: result.rows })}>
              <Stack gap="xs">
                <Text size="sm">{tr(`${ns}.importReadyHint`)}</Text>
                <Group>
                  <Button type="submit" name="intent" value="import" loading={busy("import")}>
                    {tr(`${ns}.importConfirm`, { count: result.rows })}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          {result && result.errors.length > 0 && (
            <Alert color="red" title={tr(`${ns}.importRefused`, { count: result.errors.length, rows: result.rows })}>
              <Table.ScrollContainer minWidth={420}>
                <Table verticalSpacing={4} data-testid="import-errors">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{tr(`${ns}.importRow`)}</Table.Th>
                      <Table.Th>{tr(`${ns}.importField`)}</Table.Th>
                      <Table.Th>{tr(`${ns}.importProblem`)}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.errors.slice(0, 500).map((error) => (
                      <Table.Tr key={`${error.row}-${error.field}-${error.value ?? ""}`}>
                        <Table.Td>{tr(`${ns}.rowNumber`, { row: error.row })}</Table.Td>
                        <Table.Td>{columnLabel(error.field)}</Table.Td>
                        <Table.Td>{tr(error.message, { value: error.value ?? "" })}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Alert>
          )}
        </Stack>
      </fetcher.Form>
    </Paper>
  );
}
