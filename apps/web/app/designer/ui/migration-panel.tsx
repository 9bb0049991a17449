import { Alert, Button, Group, Paper, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFetcher } from "react-router";
import { useFormErrors } from "~/lib/form-errors";

type Label = { "zh-CN": string; en?: string };
type StateOption = { id: string; label: Label };
export type MigrationChoices = {
  /** Older versions with running cases, and the states those cases are in. */
  from: { version: number; states: (StateOption & { running: number })[] }[];
  /** The latest published version's states. */
  targetStates: StateOption[];
};
type PreviewCase = { id: string; title: string | null; trackingCode: string | null; state: string; target: string };
type MigrationResult = {
  ok: boolean;
  intent?: string;
  migration?: { dryRun: boolean; migrated: number; cases: PreviewCase[]; plan: { state: string; count: number }[] };
};

/**
 * 迁移在办案件: running cases of an older version move to the latest one, each state mapped
 * to a state of the new version by the county admin. A dry run lists every case and where it
 * goes; a state left unmapped refuses the migration; the migration itself is audited.
 */
export function MigrationPanel({ choices, latestVersion }: { choices: MigrationChoices; latestVersion: number }) {
  const { t, i18n } = useTranslation();
  const tr = t as (key: string, values?: Record<string, unknown>) => string;
  const fetcher = useFetcher<MigrationResult>();
  const errors = useFormErrors(fetcher.data);
  // The version picked, or the oldest with running cases (the list changes as versions are published).
  const [picked, setFromVersion] = useState<number | null>(null);
  const fromVersion = choices.from.some((v) => v.version === picked) ? picked : (choices.from[0]?.version ?? null);
  const source = choices.from.find((v) => v.version === fromVersion);
  // Each state maps to the new version's state of the same id, where there is one. The default
  // is keyed on the ids, not on the loader's objects: a revalidation after a dry run must not
  // undo what the admin has picked since.
  const sourceIds = (source?.states ?? []).map((s) => s.id).join(",");
  const targetIds = choices.targetStates.map((s) => s.id).join(",");
  const initialMap = useMemo(() => {
    const targets = new Set(targetIds.split(","));
    return Object.fromEntries(
      sourceIds
        .split(",")
        .filter(Boolean)
        .map((id) => [id, targets.has(id) ? id : ""]),
    );
  }, [sourceIds, targetIds]);
  const [stateMap, setStateMap] = useState<Record<string, string>>(initialMap);
  useEffect(() => setStateMap(initialMap), [initialMap]);
  const label = (text: Label | undefined) => (text ? (i18n.language === "en" && text.en) || text["zh-CN"] : "—");
  const sourceLabel = (id: string) => label(source?.states.find((s) => s.id === id)?.label);
  const targetLabel = (id: string) => label(choices.targetStates.find((s) => s.id === id)?.label);

  const result = fetcher.data?.ok ? fetcher.data.migration : undefined;
  // The migration runs only on the mapping its dry run showed.
  const [previewed, setPreviewed] = useState<string | null>(null);
  const mapping = JSON.stringify({ fromVersion, stateMap });
  const done = result && !result.dryRun && (
    <Alert color="teal" p="xs" data-testid="migration-done">
      {tr("designer.migration.done", { count: result.migrated, version: latestVersion })}
    </Alert>
  );
  if (choices.from.length === 0) return done || null;
  const submit = (dryRun: boolean) => {
    if (dryRun) setPreviewed(mapping);
    fetcher.submit(
      {
        intent: "migrate",
        fromVersion: String(fromVersion),
        toVersion: String(latestVersion),
        stateMap: JSON.stringify(Object.fromEntries(Object.entries(stateMap).filter(([, target]) => target))),
        dryRun: String(dryRun),
      },
      { method: "post" },
    );
  };
  const busy = fetcher.state !== "idle";
  return (
    <Paper withBorder p="xs" data-testid="migration">
      <Stack gap="xs">
        <Title order={6}>{tr("designer.migration.title", { version: latestVersion })}</Title>
        <Text size="xs" c="dimmed">
          {t("designer.migration.intro")}
        </Text>
        <Select
          size="xs"
          label={t("designer.migration.fromVersion")}
          data={choices.from.map((v) => ({
            value: String(v.version),
            label: tr("workflows.versionN", { version: v.version }),
          }))}
          value={fromVersion === null ? null : String(fromVersion)}
          onChange={(value) => value && setFromVersion(Number(value))}
          allowDeselect={false}
        />
        {source?.states.map((state) => (
          <Select
            key={state.id}
            size="xs"
            label={tr("designer.migration.stateRow", { state: label(state.label), count: state.running })}
            placeholder={t("designer.migration.pickTarget")}
            data={choices.targetStates.map((s) => ({ value: s.id, label: label(s.label) }))}
            value={stateMap[state.id] || null}
            onChange={(value) => setStateMap((map) => ({ ...map, [state.id]: value ?? "" }))}
            error={errors.field(`stateMap.${state.id}`)}
            clearable
          />
        ))}
        {errors.form && (
          <Alert color="red" p="xs" data-testid="migration-refused">
            {errors.form}
          </Alert>
        )}
        <Group gap="xs">
          <Button size="xs" variant="default" loading={busy} onClick={() => submit(true)}>
            {t("designer.migration.dryRun")}
          </Button>
          <Button
            size="xs"
            color="orange"
            loading={busy}
            disabled={!result?.dryRun || previewed !== mapping}
            onClick={() => submit(false)}
          >
            {t("designer.migration.migrate")}
          </Button>
        </Group>
        {result?.dryRun && (
          <Table fz="xs" data-testid="migration-preview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("designer.migration.case")}</Table.Th>
                <Table.Th>{t("designer.migration.currentState")}</Table.Th>
                <Table.Th>{t("designer.migration.targetState")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.cases.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.title ?? c.trackingCode ?? t("work.untitled")}</Table.Td>
                  <Table.Td>{sourceLabel(c.state)}</Table.Td>
                  <Table.Td>{targetLabel(c.target)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {done}
      </Stack>
    </Paper>
  );
}
