import { Button, Checkbox, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import type { getRevisitCampaign } from "@rdlink/core/suggestions/get-revisit-campaign";
import { useEffect, useState } from "react";
import { Form, useFetcher } from "react-router";
import { ListTable } from "~/components/list-table";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { action } from "~/routes/county/revisit";

type Data = Awaited<ReturnType<typeof getRevisitCampaign>>;

/** 选择建议: filter the county's answered suggestions and add the ticked ones (optionally with a team). */
export function RevisitSelection({ data }: { data: Data }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const [selected, setSelected] = useState<string[]>([]);
  const [teamId, setTeamId] = useState<string | null>(null);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) setSelected([]);
  }, [fetcher.state, fetcher.data]);
  const { candidates, filter, options } = data;
  const add = () => {
    const form = new FormData();
    form.set("intent", "add");
    if (teamId) form.set("teamId", teamId);
    for (const id of selected) form.append("suggestionIds[]", id);
    fetcher.submit(form, { method: "post" });
  };
  return (
    <Stack mt="xl" gap="sm">
      <Title order={3}>{t("revisits.select")}</Title>
      <Text size="sm" c="dark.6">
        {t("revisits.selectIntro")}
      </Text>
      <Form method="get">
        <Group align="flex-end">
          <TextInput
            name="year"
            label={t("revisits.filterYear")}
            inputMode="numeric"
            defaultValue={filter.year ?? ""}
            w={100}
          />
          <Select
            name="sessionId"
            label={t("revisits.filterSession")}
            placeholder={t("revisits.anySession")}
            data={options.sessions}
            defaultValue={filter.sessionId ?? null}
            clearable
            w={280}
          />
          <Checkbox.Group label={t("revisits.filterClasses")} defaultValue={filter.classes}>
            <Group gap="sm" mt={8}>
              {(["A", "B", "C"] as const).map((c) => (
                <Checkbox key={c} name="class" value={c} label={c} />
              ))}
            </Group>
          </Checkbox.Group>
          <Select
            name="unitId"
            label={t("revisits.filterUnit")}
            placeholder={t("revisits.anyUnit")}
            data={options.units}
            defaultValue={filter.unitId ?? null}
            clearable
            searchable
            w={220}
          />
          <Button type="submit" variant="default">
            {t("revisits.filter")}
          </Button>
        </Group>
      </Form>
      {data.moreCandidates && (
        <Text size="sm" c="orange.8">
          {t("revisits.moreCandidates", { count: candidates.length })}
        </Text>
      )}
      <ListTable
        minWidth={760}
        data-testid="revisit-candidates"
        empty={t("revisits.noCandidates")}
        paging={{ total: candidates.length, page: 1, pageSize: Math.max(candidates.length, 1) }}
        head={
          <>
            <Table.Th w={40}>
              <Checkbox
                aria-label={t("revisits.selectAll")}
                checked={candidates.length > 0 && selected.length === candidates.length}
                indeterminate={selected.length > 0 && selected.length < candidates.length}
                onChange={(e) => setSelected(e.currentTarget.checked ? candidates.map((c) => c.suggestionId) : [])}
              />
            </Table.Th>
            <Table.Th>{t("revisits.number")}</Table.Th>
            <Table.Th>{t("revisits.suggestion")}</Table.Th>
            <Table.Th>{t("revisits.unit")}</Table.Th>
            <Table.Th>{t("revisits.answerClass")}</Table.Th>
          </>
        }
      >
        {candidates.map((c) => (
          <Table.Tr key={c.suggestionId} data-testid={`candidate-${c.number}`}>
            <Table.Td>
              <Checkbox
                aria-label={c.number}
                checked={selected.includes(c.suggestionId)}
                onChange={(e) => {
                  // Read now: the event's target is gone by the time React runs the updater.
                  const on = e.currentTarget.checked;
                  setSelected((s) => (on ? [...s, c.suggestionId] : s.filter((x) => x !== c.suggestionId)));
                }}
              />
            </Table.Td>
            <Table.Td ff="monospace">{c.number}</Table.Td>
            <Table.Td>
              {c.title}
              <Text size="xs" c="dark.6">
                {c.sessionName}
              </Text>
            </Table.Td>
            <Table.Td>{c.unitName ?? "—"}</Table.Td>
            <Table.Td>{c.answerClass ?? "—"}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <Group align="flex-end">
        <Select
          label={t("revisits.teamForAll")}
          data={options.teams.map((team) => ({ value: team.id, label: team.name }))}
          value={teamId}
          onChange={setTeamId}
          clearable
          w={240}
          data-testid="add-team"
        />
        <Button
          disabled={selected.length === 0}
          loading={fetcher.state !== "idle"}
          onClick={add}
          data-testid="add-selected"
        >
          {t("revisits.add", { count: selected.length })}
        </Button>
        {(errors.form || errors.all[0]) && <Text c="red">{errors.form ?? errors.all[0]}</Text>}
      </Group>
    </Stack>
  );
}
