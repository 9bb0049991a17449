import { ActionIcon, Badge, Button, Group, Menu, Select, Switch, Tooltip } from "@mantine/core";
import type { TState, TWorkflowDefinition } from "@rdlink/workflow";
import {
  IconArrowBackUp,
  IconArrowForwardUp,
  IconClipboard,
  IconCopy,
  IconLayoutDistributeVertical,
  IconMaximize,
  IconPlus,
  IconTrash,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Selection } from "../canvas-elements";
import type { DefinitionDiff } from "../definition-diff";

/** The toolbar above the canvas: editing, layout, search and comparison; `children` go at its right end. */
export function DesignerToolbar({
  definition,
  readOnly,
  selection,
  history,
  canvas,
  clipboard,
  comparison,
  children,
}: {
  definition: TWorkflowDefinition;
  readOnly: boolean;
  selection: Selection;
  history: { canUndo: boolean; canRedo: boolean; undo: () => void; redo: () => void };
  canvas: {
    addStateOfKind: (kind: TState["kind"]) => void;
    remove: (selection: Selection) => void;
    autoLayout: () => Promise<void>;
    fitView: () => void;
    focus: (stateId: string) => void;
  };
  clipboard: { copy: () => void; paste: () => Promise<void> };
  comparison: {
    compare: boolean;
    setCompare: (compare: boolean) => void;
    /** Whether there is a published version to compare with. */
    available: boolean;
    diff: DefinitionDiff | null;
  };
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const tr = t as (key: string, values?: Record<string, unknown>) => string;
  const { diff } = comparison;
  return (
    <Group gap={6} wrap="wrap">
      <Tooltip label={`${t("designer.undo")} (Ctrl+Z)`}>
        <ActionIcon
          variant="default"
          aria-label={t("designer.undo")}
          disabled={readOnly || !history.canUndo}
          onClick={history.undo}
        >
          <IconArrowBackUp size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={`${t("designer.redo")} (Ctrl+Shift+Z)`}>
        <ActionIcon
          variant="default"
          aria-label={t("designer.redo")}
          disabled={readOnly || !history.canRedo}
          onClick={history.redo}
        >
          <IconArrowForwardUp size={18} />
        </ActionIcon>
      </Tooltip>
      <Menu position="bottom-start">
        <Menu.Target>
          <Button size="xs" leftSection={<IconPlus size={16} />} disabled={readOnly}>
            {t("designer.addState")}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {(["task", "wait", "final"] as const).map((kind) => (
            <Menu.Item key={kind} onClick={() => canvas.addStateOfKind(kind)}>
              {tr(`designer.kinds.${kind}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Tooltip label={`${t("designer.copy")} (Ctrl+C)`}>
        <ActionIcon
          variant="default"
          aria-label={t("designer.copy")}
          disabled={selection.nodes.length === 0}
          onClick={clipboard.copy}
        >
          <IconCopy size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={`${t("designer.paste")} (Ctrl+V)`}>
        <ActionIcon
          variant="default"
          aria-label={t("designer.paste")}
          disabled={readOnly}
          onClick={() => void clipboard.paste()}
        >
          <IconClipboard size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={`${t("designer.delete")} (Delete)`}>
        <ActionIcon
          variant="default"
          aria-label={t("designer.delete")}
          disabled={readOnly || (selection.nodes.length === 0 && selection.edges.length === 0)}
          onClick={() => canvas.remove(selection)}
        >
          <IconTrash size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t("designer.autoLayout")}>
        <ActionIcon
          variant="default"
          aria-label={t("designer.autoLayout")}
          disabled={readOnly}
          onClick={() => void canvas.autoLayout()}
        >
          <IconLayoutDistributeVertical size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t("designer.fitView")}>
        <ActionIcon variant="default" aria-label={t("designer.fitView")} onClick={canvas.fitView}>
          <IconMaximize size={18} />
        </ActionIcon>
      </Tooltip>
      <Select
        size="xs"
        w={150}
        searchable
        clearable
        value={null}
        aria-label={t("designer.search")}
        placeholder={t("designer.search")}
        data={Object.entries(definition.states).map(([value, s]) => ({ value, label: s.label["zh-CN"] }))}
        onChange={(id) => id && canvas.focus(id)}
      />
      <Switch
        size="xs"
        label={t("designer.compare")}
        checked={comparison.compare}
        disabled={!comparison.available}
        onChange={(e) => comparison.setCompare(e.currentTarget.checked)}
      />
      {diff && (
        <Badge variant="light" color={diff.count ? "orange" : "gray"} data-testid="diff-count">
          {diff.count ? tr("designer.diff.count", { count: diff.count }) : t("designer.diff.nothing")}
        </Badge>
      )}
      {children}
    </Group>
  );
}
