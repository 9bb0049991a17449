import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import type { getRevisitCampaign } from "@rdlink/core/suggestions/get-revisit-campaign";
import { useEffect, useState } from "react";
import { Link, useFetcher } from "react-router";
import { FormActions } from "~/components/form-actions";
import { ListTable } from "~/components/list-table";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { action } from "~/routes/county/revisit";

type Data = Awaited<ReturnType<typeof getRevisitCampaign>>;
type Item = Data["items"][number];
const FINDINGS = ["kept", "partlyKept", "notKept"] as const;
const FINDING_COLORS = { kept: "green", partlyKept: "yellow", notKept: "red" } as const;

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
export function RevisitItems({ data }: { data: Pick<Data, "items" | "options"> }) {
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
