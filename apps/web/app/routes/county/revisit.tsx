import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { addRevisitItems } from "@rdlink/core/suggestions/add-revisit-items";
import { assignRevisitTeam } from "@rdlink/core/suggestions/assign-revisit-team";
import { getRevisitCampaign } from "@rdlink/core/suggestions/get-revisit-campaign";
import { recordRevisitFinding } from "@rdlink/core/suggestions/record-revisit-finding";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, useFetcher } from "react-router";
import { FormActions } from "~/components/form-actions";
import { ListTable } from "~/components/list-table";
import { PageHeader } from "~/components/page-header";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { formatRate } from "~/lib/rate";
import type { Route } from "./+types/revisit";

export function loader(args: Route.LoaderArgs) {
  const params = new URL(args.request.url).searchParams;
  const query = {
    year: params.get("year") || undefined,
    sessionId: params.get("sessionId") || undefined,
    classes: params.getAll("class"),
    unitId: params.get("unitId") || undefined,
  };
  return countyLoader(
    args,
    (tx, ctx) => getRevisitCampaign(tx, ctx, args.params.campaignId, query),
    "tenant.sessions.manage",
  );
}

export function action(args: Route.ActionArgs) {
  const { campaignId } = args.params;
  return intentAction(
    args,
    {
      add: async (tx, ctx, form) => ({ report: await addRevisitItems(tx, ctx, campaignId, form) }),
      assign: async (tx, ctx, form) => ({ report: await assignRevisitTeam(tx, ctx, campaignId, form) }),
      find: async (tx, ctx, form) => ({ report: await recordRevisitFinding(tx, ctx, campaignId, form) }),
    },
    "tenant.sessions.manage",
  );
}

type Data = Route.ComponentProps["loaderData"];
type Item = Data["items"][number];
const FINDINGS = ["kept", "partlyKept", "notKept"] as const;
const FINDING_COLORS = { kept: "green", partlyKept: "yellow", notKept: "red" } as const;

/** The figure cards at the top: items, checked, 兑现率 (with how it is counted). */
function CampaignFigures({ figures }: { figures: Data["figures"] }) {
  const { t } = useTranslation();
  const card = (label: string, value: string, testId: string) => (
    <Paper withBorder p="md">
      <Text size="sm" c="dark.6">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
  return (
    <Stack gap={4} mb="lg">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {card(t("revisits.items"), String(figures.items), "revisit-items")}
        {card(t("revisits.found"), String(figures.found), "revisit-found")}
        {card(t("revisits.findings.notKept"), String(figures.notKept), "revisit-not-kept")}
        {card(t("revisits.keptRate"), formatRate(figures.keptRate), "revisit-kept-rate")}
      </SimpleGrid>
      <Text size="sm" c="dark.6">
        {t("revisits.keptRateHint")}
      </Text>
    </Stack>
  );
}

/** 记录核查结果 for one item; 未兑现 says beforehand that the suggestion goes back to its unit. */
function FindingModal({ item, onClose }: { item: Item; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const [finding, setFinding] = useState<string>(item.finding ?? "");
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) onClose();
  }, [fetcher.state, fetcher.data, onClose]);
  return (
    <Modal opened onClose={onClose} title={t("revisits.recordTitle", { number: item.number })} centered>
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value="find" />
          <input type="hidden" name="suggestionId" value={item.suggestionId} />
          {errors.form && (
            <Text c="red" data-testid="finding-error">
              {errors.form}
            </Text>
          )}
          <Text size="sm">{item.title}</Text>
          <Radio.Group
            name="finding"
            label={t("revisits.finding")}
            value={finding}
            onChange={setFinding}
            error={errors.field("finding")}
            required
          >
            <Group mt="xs">
              {FINDINGS.map((f) => (
                <Radio key={f} value={f} label={t(`revisits.findings.${f}`)} />
              ))}
            </Group>
          </Radio.Group>
          {finding === "notKept" && item.finding !== "notKept" && (
            <Alert color="orange">{t("revisits.reopenWarning")}</Alert>
          )}
          <TextInput
            type="date"
            name="foundOn"
            label={t("revisits.foundOn")}
            defaultValue={item.foundOn ?? ""}
            required
            error={errors.field("foundOn")}
          />
          <Textarea
            name="note"
            label={t("revisits.note")}
            defaultValue={item.note ?? ""}
            autosize
            minRows={3}
            maxLength={2000}
            error={errors.field("note")}
          />
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

/** The campaign's items: pick some and send a 督办组; record each one's finding. */
function Items({ data }: { data: Data }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const [selected, setSelected] = useState<string[]>([]);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [recording, setRecording] = useState<Item | null>(null);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) setSelected([]);
  }, [fetcher.state, fetcher.data]);
  const { items, options } = data;
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));
  const assign = () => {
    const form = new FormData();
    form.set("intent", "assign");
    form.set("teamId", teamId ?? "");
    for (const id of selected) form.append("itemIds[]", id);
    fetcher.submit(form, { method: "post" });
  };
  return (
    <>
      <Group mb="sm" align="flex-end">
        <Select
          label={t("revisits.team")}
          placeholder={options.teams.length === 0 ? t("revisits.noTeams") : undefined}
          data={options.teams.map((team) => ({ value: team.id, label: team.name }))}
          value={teamId}
          onChange={setTeamId}
          w={240}
          aria-label={t("revisits.team")}
          data-testid="assign-team"
          error={errors.field("teamId")}
        />
        <Button
          variant="default"
          disabled={selected.length === 0 || !teamId}
          loading={fetcher.state !== "idle"}
          onClick={assign}
          data-testid="assign-selected"
        >
          {t("revisits.assign", { count: selected.length })}
        </Button>
        {errors.form && <Text c="red">{errors.form}</Text>}
      </Group>
      <ListTable
        minWidth={900}
        data-testid="revisit-items"
        empty={t("revisits.noItems")}
        paging={{ total: items.length, page: 1, pageSize: Math.max(items.length, 1) }}
        head={
          <>
            <Table.Th w={40}>
              <Checkbox
                aria-label={t("revisits.selectAll")}
                checked={items.length > 0 && selected.length === items.length}
                indeterminate={selected.length > 0 && selected.length < items.length}
                onChange={(e) => setSelected(e.currentTarget.checked ? items.map((i) => i.id) : [])}
              />
            </Table.Th>
            <Table.Th>{t("revisits.number")}</Table.Th>
            <Table.Th>{t("revisits.suggestion")}</Table.Th>
            <Table.Th>{t("revisits.unit")}</Table.Th>
            <Table.Th>{t("revisits.answerClass")}</Table.Th>
            <Table.Th>{t("revisits.team")}</Table.Th>
            <Table.Th>{t("revisits.finding")}</Table.Th>
            <Table.Th />
          </>
        }
      >
        {items.map((item) => (
          <Table.Tr key={item.id} data-testid={`item-${item.number}`}>
            <Table.Td>
              <Checkbox
                aria-label={item.number}
                checked={selected.includes(item.id)}
                onChange={(e) => toggle(item.id, e.currentTarget.checked)}
              />
            </Table.Td>
            <Table.Td ff="monospace">{item.number}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/work/cases/${item.caseId}`}>
                {item.title}
              </Anchor>
              <Text size="xs" c="dark.6">
                {item.sessionName}
              </Text>
            </Table.Td>
            <Table.Td>{item.unitName ?? "—"}</Table.Td>
            <Table.Td>{item.answerClass ?? "—"}</Table.Td>
            <Table.Td data-testid="item-team">{item.teamName ?? t("revisits.noTeam")}</Table.Td>
            <Table.Td data-testid="item-finding">
              {item.finding ? (
                <Stack gap={2}>
                  <Badge variant="light" color={FINDING_COLORS[item.finding]}>
                    {t(`revisits.findings.${item.finding}`)}
                  </Badge>
                  {item.finding === "notKept" && !item.closed && (
                    <Text size="xs" c="dark.6">
                      {t("revisits.reopened")}
                    </Text>
                  )}
                  <Text size="xs" c="dark.6">
                    {item.foundOn}
                  </Text>
                </Stack>
              ) : (
                <Text size="sm" c="dark.6">
                  {t("revisits.notFound")}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Button size="xs" variant="light" onClick={() => setRecording(item)}>
                {t("revisits.record")}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      {recording && <FindingModal item={recording} onClose={() => setRecording(null)} />}
    </>
  );
}

/** 选择建议: filter the county's answered suggestions and add the ticked ones (optionally with a team). */
function Selection({ data }: { data: Data }) {
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

/** A 回头看 campaign: its figures, its items with teams and findings, and the selection of more. */
export default function Revisit({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { campaign } = loaderData;
  return (
    <>
      <Anchor component={Link} to="/county/revisits" size="sm">
        ← {t("revisits.back")}
      </Anchor>
      <PageHeader title={campaign.name} intro={`${t("revisits.year")}：${campaign.year}`} />
      <CampaignFigures figures={loaderData.figures} />
      <Items data={loaderData} />
      <Selection data={loaderData} />
    </>
  );
}
