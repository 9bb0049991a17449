import { Alert, Anchor, Button, FileInput, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { importDeputies } from "@rdlink/core/deputies/import-deputies";
import { SheetFormatError } from "@rdlink/core/deputies/sheet/index";
import { ValidationError } from "@rdlink/core/shared/errors";
import { IconFileSpreadsheet } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { data, Link, useFetcher } from "react-router";
import { PageHeader } from "~/components/page-header";
import { readFormWithFiles } from "~/lib/actions.server";
import { countyAction, countyRequest } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { FormLimitError } from "~/lib/multipart.server";
import type { Route } from "./+types/deputies-import";

export function loader(args: Route.LoaderArgs) {
  countyRequest(args, "tenant.deputies.import");
  return null;
}

const refused = (field: string, status: number) =>
  data({ ok: false as const, fieldErrors: { file: field } }, { status });

/**
 * Checks the sheet (intent "check", writes nothing) or imports it (intent "import",
 * all or nothing). The browser keeps the chosen file, so confirming sends it again.
 */
export function action(args: Route.ActionArgs) {
  return countyAction(
    args,
    async (county) => {
      let form: Awaited<ReturnType<typeof readFormWithFiles>>;
      try {
        // A file over 10 MB stops the upload as soon as it passes the limit.
        form = await readFormWithFiles(county.request);
      } catch (error) {
        if (error instanceof FormLimitError && error.limit === "fileBytes") return refused("errors.fileTooLarge", 413);
        throw error;
      }
      const { intent } = form.values;
      if (intent !== "check" && intent !== "import") throw new ValidationError({}, "errors.unknownIntent");
      const [file] = await form.uploads("file");
      if (!file) return refused("validation.required", 400);
      try {
        const result = await county.inTenant((tx, ctx) =>
          importDeputies(tx, ctx, { name: file.filename, bytes: file.bytes }, { dryRun: intent !== "import" }),
        );
        return { ok: true as const, done: intent === "import", ...result };
      } catch (error) {
        // A file that is not the spreadsheet its name says is the wrong kind of content, not a bad form.
        if (error instanceof SheetFormatError && error.formError === "errors.sheetFormat") {
          return refused(error.formError, 415);
        }
        throw error;
      }
    },
    "tenant.deputies.import",
  );
}

export default function DeputiesImport() {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const result = fetcher.data?.ok ? fetcher.data : null;
  const busy = (intent: string) => fetcher.state !== "idle" && fetcher.formData?.get("intent") === intent;
  const field = (name: string) => t(`deputies.columns.${name}`, { defaultValue: name });
  return (
    <>
      <Anchor component={Link} to="/county/deputies" size="sm">
        ← {t("deputies.title")}
      </Anchor>
      <PageHeader title={t("deputies.importTitle")} intro={t("deputies.importIntro")} />
      <Paper withBorder p="lg" maw={860}>
        <fetcher.Form method="post" encType="multipart/form-data">
          <Stack>
            <Group align="flex-end">
              <FileInput
                name="file"
                label={t("deputies.importFile")}
                description={t("deputies.importFileHint")}
                accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                leftSection={<IconFileSpreadsheet size={16} />}
                required
                clearable
                error={errors.field("file") ?? errors.form}
                style={{ flex: 1 }}
              />
              <Button type="submit" name="intent" value="check" variant="default" loading={busy("check")}>
                {t("deputies.importCheck")}
              </Button>
            </Group>
            <Anchor href="/county/deputies/export?template=1" download size="sm">
              {t("deputies.importTemplate")}
            </Anchor>
            {result?.done && (
              <Alert color="green" title={t("deputies.importDone", { count: result.imported })}>
                <Anchor component={Link} to="/county/deputies">
                  {t("deputies.title")}
                </Anchor>
              </Alert>
            )}
            {result && !result.done && result.errors.length === 0 && (
              <Alert color="blue" title={t("deputies.importReady", { count: result.rows })}>
                <Stack gap="xs">
                  <Text size="sm">{t("deputies.importReadyHint")}</Text>
                  <Group>
                    <Button type="submit" name="intent" value="import" loading={busy("import")}>
                      {t("deputies.importConfirm", { count: result.rows })}
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            )}
            {result && result.errors.length > 0 && (
              <Alert
                color="red"
                title={t("deputies.importRefused", { count: result.errors.length, rows: result.rows })}
              >
                <Table verticalSpacing={4} data-testid="import-errors">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("deputies.importRow")}</Table.Th>
                      <Table.Th>{t("deputies.importField")}</Table.Th>
                      <Table.Th>{t("deputies.importProblem")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.errors.slice(0, 500).map((error) => (
                      <Table.Tr key={`${error.row}-${error.field}`}>
                        <Table.Td>{t("deputies.rowNumber", { row: error.row })}</Table.Td>
                        <Table.Td>{field(error.field)}</Table.Td>
                        <Table.Td>{(t as (key: string) => string)(error.message)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Alert>
            )}
          </Stack>
        </fetcher.Form>
      </Paper>
    </>
  );
}
