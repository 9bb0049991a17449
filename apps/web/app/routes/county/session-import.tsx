import { Alert, Anchor, Button, FileInput, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { SheetFormatError } from "@rdlink/core/deputies/sheet/index";
import { ValidationError } from "@rdlink/core/shared/errors";
import { findSession } from "@rdlink/core/suggestions/get-session";
import { importSuggestions } from "@rdlink/core/suggestions/import-suggestions";
import { IconFileSpreadsheet } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { data, Link, useFetcher } from "react-router";
import { PageHeader } from "~/components/page-header";
import { readFormWithFiles } from "~/lib/actions.server";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { FormLimitError } from "~/lib/multipart.server";
import type { Route } from "./+types/session-import";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(
    args,
    async (tx, ctx) => {
      const session = await findSession(tx, ctx, args.params.sessionId);
      return { id: session.id, name: session.name };
    },
    "tenant.sessions.manage",
  );
}

const refused = (field: string, status: number) =>
  data({ ok: false as const, fieldErrors: { file: field } }, { status });

/**
 * Checks the session's list (intent "check", writes nothing) or imports it (intent "import", all
 * or nothing), as the deputies' import does. The browser keeps the file, so confirming sends it again.
 */
export function action(args: Route.ActionArgs) {
  return countyAction(
    args,
    async (county) => {
      let form: Awaited<ReturnType<typeof readFormWithFiles>>;
      try {
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
          importSuggestions(
            tx,
            ctx,
            args.params.sessionId,
            { name: file.filename, bytes: file.bytes },
            { dryRun: intent !== "import" },
          ),
        );
        return { ok: true as const, done: intent === "import" && result.errors.length === 0, ...result };
      } catch (error) {
        if (error instanceof SheetFormatError && error.formError === "errors.sheetFormat") {
          return refused(error.formError, 415);
        }
        throw error;
      }
    },
    "tenant.sessions.manage",
  );
}

export default function SessionImport({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const result = fetcher.data?.ok ? fetcher.data : null;
  const busy = (intent: string) => fetcher.state !== "idle" && fetcher.formData?.get("intent") === intent;
  const sessionUrl = `/county/sessions/${loaderData.id}`;
  const problem = (message: string, value?: string) =>
    (t as (key: string, values?: Record<string, string>) => string)(message, { value: value ?? "" });
  return (
    <>
      <Anchor component={Link} to={sessionUrl} size="sm">
        ← {loaderData.name}
      </Anchor>
      <PageHeader title={t("sessions.importTitle")} intro={t("sessions.importIntro")} />
      <Paper withBorder p="lg" maw={900}>
        <fetcher.Form method="post" encType="multipart/form-data">
          <Stack>
            <Group align="flex-end">
              <FileInput
                name="file"
                label={t("sessions.importFile")}
                description={t("sessions.importFileHint")}
                accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                leftSection={<IconFileSpreadsheet size={16} />}
                required
                clearable
                error={errors.field("file") ?? errors.form}
                style={{ flex: 1, minWidth: 240 }}
              />
              <Button type="submit" name="intent" value="check" variant="default" loading={busy("check")}>
                {t("sessions.importCheck")}
              </Button>
            </Group>
            {result?.done && (
              <Alert color="green" title={t("sessions.importDone", { count: result.imported })}>
                <Anchor component={Link} to={sessionUrl}>
                  {loaderData.name}
                </Anchor>
              </Alert>
            )}
            {result && !result.done && result.errors.length === 0 && (
              <Alert color="blue" title={t("sessions.importReady", { count: result.rows })}>
                <Stack gap="xs">
                  <Text size="sm">{t("sessions.importReadyHint")}</Text>
                  <Group>
                    <Button type="submit" name="intent" value="import" loading={busy("import")}>
                      {t("sessions.importConfirm", { count: result.rows })}
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            )}
            {result && result.errors.length > 0 && (
              <Alert
                color="red"
                title={t("sessions.importRefused", { count: result.errors.length, rows: result.rows })}
              >
                <Table.ScrollContainer minWidth={420}>
                  <Table verticalSpacing={4} data-testid="import-errors">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t("sessions.importRow")}</Table.Th>
                        <Table.Th>{t("sessions.importField")}</Table.Th>
                        <Table.Th>{t("sessions.importProblem")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {result.errors.slice(0, 500).map((error) => (
                        <Table.Tr key={`${error.row}-${error.field}-${error.value ?? ""}`}>
                          <Table.Td>{t("sessions.rowNumber", { row: error.row })}</Table.Td>
                          <Table.Td>{t(`sessions.columns.${error.field}`)}</Table.Td>
                          <Table.Td>{problem(error.message, error.value)}</Table.Td>
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
    </>
  );
}
