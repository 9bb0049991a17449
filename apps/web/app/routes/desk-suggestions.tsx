import { Alert, Anchor, Badge, Button, Paper, Select, Stack, Table, Text, Title } from "@mantine/core";
import { mySuggestions } from "@rdlink/core/suggestions/my-suggestions";
import { submitSuggestion } from "@rdlink/core/suggestions/submit-suggestion";
import { useEffect, useRef } from "react";
import { Link, useFetcher } from "react-router";
import { PageHeader } from "~/components/page-header";
import { SuggestionFields } from "~/components/suggestion-fields";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useLocalized } from "~/lib/localized";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/desk-suggestions";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, mySuggestions, "tenant.suggestions.submit");
}

/** The deputy hands in a suggestion as its 领衔代表; the page answers with its number. */
export function action(args: Route.ActionArgs) {
  return countyAction(
    args,
    async (county) => {
      const form = await county.form();
      const { number } = await county.inTenant((tx, ctx) => submitSuggestion(tx, ctx, form));
      return { ok: true as const, number };
    },
    "tenant.suggestions.submit",
  );
}

/** A deputy's suggestions to the congress: a form to hand one in (on a phone too) and those they lead. */
export default function DeskSuggestions({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { deputy, sessions, suggestions } = loaderData;
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const form = useRef<HTMLFormElement>(null);
  const submitted = fetcher.data?.ok ? fetcher.data.number : null;
  useEffect(() => {
    if (fetcher.state === "idle" && submitted) form.current?.reset();
  }, [fetcher.state, submitted]);
  return (
    <>
      <Anchor component={Link} to="/desk" size="sm">
        ← {t("desk.title")}
      </Anchor>
      <PageHeader title={t("sessions.mine.title")} intro={t("sessions.mine.intro")} />
      <Stack gap="lg" maw={760}>
        {!deputy ? (
          <Text c="dark.6">{t("sessions.notLinked")}</Text>
        ) : sessions.length === 0 ? (
          <Text c="dark.6">{t("sessions.mine.noSession")}</Text>
        ) : (
          <Paper withBorder p="md">
            <fetcher.Form method="post" ref={form}>
              <Stack>
                {submitted && (
                  <Alert color="green" data-testid="suggestion-submitted">
                    {t("sessions.mine.submitted", { number: submitted })}
                  </Alert>
                )}
                {errors.form && <Text c="red">{errors.form}</Text>}
                <Select
                  name="sessionId"
                  label={t("sessions.mine.session")}
                  data={sessions.map((s) => ({ value: s.id, label: s.name }))}
                  defaultValue={sessions[0]!.id}
                  allowDeselect={false}
                  required
                  error={errors.field("sessionId")}
                />
                <SuggestionFields errors={errors} />
                <Button type="submit" loading={fetcher.state !== "idle"} fullWidth>
                  {t("sessions.mine.submit")}
                </Button>
              </Stack>
            </fetcher.Form>
          </Paper>
        )}
        {deputy && (
          <section aria-labelledby="my-suggestions">
            <Title order={2} size="h4" id="my-suggestions" mb="sm">
              {t("desk.suggestions")}
            </Title>
            {suggestions.length === 0 ? (
              <Text c="dark.6">{t("sessions.mine.empty")}</Text>
            ) : (
              <Paper withBorder>
                <Table.ScrollContainer minWidth={480}>
                  <Table verticalSpacing="sm" data-testid="my-suggestions">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t("sessions.number")}</Table.Th>
                        <Table.Th>{t("sessions.suggestionTitle")}</Table.Th>
                        <Table.Th>{t("sessions.status")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {suggestions.map((s) => (
                        <Table.Tr key={s.caseId}>
                          <Table.Td ff="monospace">{s.number}</Table.Td>
                          <Table.Td>
                            <Anchor component={Link} to={`/work/cases/${s.caseId}`}>
                              {s.title}
                            </Anchor>
                            <Text size="xs" c="dark.6">
                              {s.sessionName}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Badge variant="light">{localized(s.stateLabel)}</Badge>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Paper>
            )}
          </section>
        )}
      </Stack>
    </>
  );
}
