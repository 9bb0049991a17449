import {
  ActionIcon,
  Button,
  FileButton,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import type {
  TTemplateChecklist,
  TTemplateDutyPost,
  TTemplateStationType,
} from "@rdlink/core/templates/template-content";
import { IconPlus, IconTrash, IconUpload } from "@tabler/icons-react";
import { type ReactNode, useEffect, useState } from "react";
import { Form, useSubmit } from "react-router";
import { useTranslation } from "~/lib/use-translation";

/**
 * The template set page's editors: each shows its section, and on 修改 edits a copy of it and
 * saves the whole section as JSON (intent `save`). Items keep their key across edits, a new one
 * gets the first free `<prefix>-N`: a later version is compared with a county's copy by key.
 */
export function TemplateSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function newKey(prefix: string, items: readonly { key: string }[]): string {
  const taken = new Set(items.map((item) => item.key));
  let n = items.length + 1;
  while (taken.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

/**
 * A section's rows while it is edited: a copy of the saved ones, taken on 修改; edit mode ends
 * when a save bumps the draft's revision.
 */
function useSectionRows<T>(revision: number, saved: T[]) {
  const [editing, setEditing] = useState(false);
  const [rows, setRows] = useState(saved);
  useEffect(() => setEditing(false), [revision]);
  return {
    editing,
    rows,
    start: () => {
      setRows(saved);
      setEditing(true);
    },
    cancel: () => setEditing(false),
    add: (row: T) => setRows([...rows, row]),
    update: (index: number, change: Partial<T>) =>
      setRows(rows.map((row, i) => (i === index ? { ...row, ...change } : row))),
    remove: (index: number) => setRows(rows.filter((_, i) => i !== index)),
  };
}

function RemoveRow({ label, onClick, mb }: { label: string; onClick: () => void; mb?: number }) {
  return (
    <ActionIcon variant="subtle" color="red" mb={mb} aria-label={label} onClick={onClick}>
      <IconTrash size={16} />
    </ActionIcon>
  );
}

function SaveSection({
  revision,
  section,
  items,
  busy,
  onCancel,
  children,
}: {
  revision: number;
  section: string;
  items: unknown[];
  busy: boolean;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="revision" value={revision} />
      <input type="hidden" name="content" value={JSON.stringify({ [section]: items })} />
      <Stack>
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("templates.cancel")}
          </Button>
          <Button type="submit" loading={busy}>
            {t("templates.save")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

function EditButton({ onClick, label }: { onClick: () => void; label: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt="sm">
      <Button variant="light" size="xs" onClick={onClick} aria-label={`${t("templates.edit")}${label}`}>
        {t("templates.edit")}
      </Button>
    </Group>
  );
}

export function ChecklistsEditor(props: { revision: number; checklists: TTemplateChecklist[]; busy: boolean }) {
  const { t } = useTranslation();
  const { editing, rows, start, cancel, add, update, remove } = useSectionRows(props.revision, props.checklists);
  if (!editing) {
    return (
      <>
        <Stack gap="xs">
          {props.checklists.map((checklist) => (
            <Text key={checklist.key} size="sm">
              <Text span fw={600}>
                {checklist.name}
              </Text>
              ：{checklist.items.join("、")}
            </Text>
          ))}
        </Stack>
        <EditButton label={t("templates.checklists")} onClick={start} />
      </>
    );
  }
  return (
    <SaveSection revision={props.revision} section="checklists" items={rows} busy={props.busy} onCancel={cancel}>
      {rows.map((row, index) => (
        <Paper key={row.key} withBorder p="sm">
          <Group align="flex-end">
            <TextInput
              label={t("templates.checklistName")}
              value={row.name}
              onChange={(event) => update(index, { name: event.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <RemoveRow label={`${t("templates.removeChecklist")} ${row.name}`} onClick={() => remove(index)} />
          </Group>
          <Textarea
            mt="xs"
            label={`${row.name || t("templates.checklistName")} · ${t("templates.checklistItems")}`}
            autosize
            minRows={3}
            value={row.items.join("\n")}
            onChange={(event) => update(index, { items: event.currentTarget.value.split("\n") })}
          />
        </Paper>
      ))}
      <Button
        variant="subtle"
        leftSection={<IconPlus size={16} />}
        onClick={() => add({ key: newKey("checklist", rows), name: "", items: [] })}
      >
        {t("templates.addChecklist")}
      </Button>
    </SaveSection>
  );
}

export function StationTypesEditor(props: {
  revision: number;
  stationTypes: TTemplateStationType[];
  checklists: TTemplateChecklist[];
  busy: boolean;
}) {
  const { t } = useTranslation();
  const { editing, rows, start, cancel, add, update, remove } = useSectionRows(props.revision, props.stationTypes);
  const standardName = (key: string | null) =>
    props.checklists.find((c) => c.key === key)?.name ?? t("templates.noStandard");
  if (!editing) {
    return (
      <>
        <Table verticalSpacing={4}>
          <Table.Tbody>
            {props.stationTypes.map((type) => (
              <Table.Tr key={type.key}>
                <Table.Td>{type.name}</Table.Td>
                <Table.Td c="dimmed">{standardName(type.checklistKey)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <EditButton label={t("templates.stationTypes")} onClick={start} />
      </>
    );
  }
  const standards = [
    { value: "", label: t("templates.noStandard") },
    ...props.checklists.map((c) => ({ value: c.key, label: c.name })),
  ];
  return (
    <SaveSection revision={props.revision} section="stationTypes" items={rows} busy={props.busy} onCancel={cancel}>
      {rows.map((row, index) => (
        <Group key={row.key} align="flex-end" wrap="wrap">
          <TextInput
            label={t("templates.stationTypeName")}
            value={row.name}
            onChange={(event) => update(index, { name: event.currentTarget.value })}
            style={{ flex: 2, minWidth: 200 }}
          />
          <Select
            label={`${row.name} · ${t("templates.stationTypeStandard")}`}
            data={standards}
            value={row.checklistKey ?? ""}
            allowDeselect={false}
            onChange={(value) => update(index, { checklistKey: value || null })}
            style={{ flex: 1, minWidth: 160 }}
          />
          <RemoveRow label={`${t("templates.remove")} ${row.name}`} onClick={() => remove(index)} mb={6} />
        </Group>
      ))}
      <Button
        variant="subtle"
        leftSection={<IconPlus size={16} />}
        onClick={() =>
          add({
            key: newKey("station-type", rows),
            name: "",
            checklistKey: props.checklists[0]?.key ?? null,
            // What a county's own new station type starts with: the same intake form as the first type.
            intakeFields: rows[0]?.intakeFields ?? [],
            customFields: [],
          })
        }
      >
        {t("templates.addStationType")}
      </Button>
    </SaveSection>
  );
}

export function DutyPostsEditor(props: { revision: number; dutyPosts: TTemplateDutyPost[]; busy: boolean }) {
  const { t } = useTranslation();
  const { editing, rows, start, cancel, add, update, remove } = useSectionRows(props.revision, props.dutyPosts);
  if (!editing) {
    return (
      <>
        <Table verticalSpacing={4}>
          <Table.Tbody>
            {props.dutyPosts.map((post) => (
              <Table.Tr key={post.key}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{post.name}</Table.Td>
                <Table.Td c="dimmed">{post.description}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <EditButton label={t("templates.dutyPosts")} onClick={start} />
      </>
    );
  }
  return (
    <SaveSection revision={props.revision} section="dutyPosts" items={rows} busy={props.busy} onCancel={cancel}>
      {rows.map((row, index) => (
        <Group key={row.key} align="flex-end" wrap="wrap">
          <TextInput
            label={t("templates.postName")}
            value={row.name}
            onChange={(event) => update(index, { name: event.currentTarget.value })}
            style={{ flex: 1, minWidth: 160 }}
          />
          <TextInput
            label={`${row.name} · ${t("templates.postDescription")}`}
            value={row.description}
            onChange={(event) => update(index, { description: event.currentTarget.value })}
            style={{ flex: 2, minWidth: 200 }}
          />
          <RemoveRow label={`${t("templates.remove")} ${row.name}`} onClick={() => remove(index)} mb={6} />
        </Group>
      ))}
      <Button
        variant="subtle"
        leftSection={<IconPlus size={16} />}
        onClick={() => add({ key: newKey("post", rows), name: "", description: "" })}
      >
        {t("templates.addPost")}
      </Button>
    </SaveSection>
  );
}

/**
 * A workflow definition file (as the designer downloads it) into the set's draft: it replaces the
 * set's workflow of the same key or joins the set; the server checks it as the designer does.
 */
export function WorkflowImport({ revision, busy }: { revision: number; busy: boolean }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  return (
    <Group justify="flex-end" mt="sm">
      <Text size="xs" c="dimmed">
        {t("templates.importWorkflowHint")}
      </Text>
      <FileButton
        accept="application/json,.json"
        onChange={async (file) => {
          if (!file) return;
          submit({ intent: "importWorkflow", revision: String(revision), text: await file.text() }, { method: "post" });
        }}
      >
        {(props) => (
          <Button {...props} variant="light" size="xs" loading={busy} leftSection={<IconUpload size={14} />}>
            {t("templates.importWorkflow")}
          </Button>
        )}
      </FileButton>
    </Group>
  );
}
