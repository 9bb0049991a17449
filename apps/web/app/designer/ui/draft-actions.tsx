import { ActionIcon, Badge, Box, Button, FileButton, Tooltip } from "@mantine/core";
import type { TWorkflowDefinition } from "@rdlink/workflow";
import { IconDownload, IconUpload } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { downloadJson } from "./download";
import type { SaveStatus } from "./hooks/use-autosave";

const STATUS_COLORS: Record<SaveStatus, string> = {
  conflict: "red",
  saveFailed: "red",
  saving: "blue",
  unsaved: "yellow",
  saved: "green",
};

/** The toolbar's right end, about the draft as a whole: whether it is saved, export, import, publish. */
export function DraftActions({
  definition,
  readOnly,
  saveStatus,
  dirty,
  errorCount,
  importing,
  publishing,
}: {
  definition: TWorkflowDefinition;
  readOnly: boolean;
  saveStatus: SaveStatus;
  dirty: boolean;
  errorCount: number;
  /** Null where this designer does not import files. */
  importing: { importing: boolean; importFile: (file: File | null) => void } | null;
  /** Null where the workflow is not published from here (a template set's: with its set). */
  publishing: { publishing: boolean; publish: () => void } | null;
}) {
  const { t } = useTranslation();
  const tr = t as (key: string) => string;
  // Only what is stored and valid is published: the server publishes the saved revision.
  const canPublish = errorCount === 0 && !dirty && saveStatus === "saved" && !publishing?.publishing;
  return (
    <>
      <Box style={{ flex: 1 }} />
      <Badge color={STATUS_COLORS[saveStatus]} variant="light" data-testid="save-status">
        {tr(`designer.status.${saveStatus}`)}
      </Badge>
      <Tooltip label={t("designer.exportJson")}>
        <ActionIcon
          variant="default"
          aria-label={t("designer.exportJson")}
          onClick={() => downloadJson(`${definition.key}.json`, definition)}
        >
          <IconDownload size={18} />
        </ActionIcon>
      </Tooltip>
      {importing && (
        <FileButton onChange={importing.importFile} accept="application/json,.json">
          {(fileProps) => (
            <Tooltip label={t("designer.importJson")}>
              <ActionIcon
                {...fileProps}
                variant="default"
                aria-label={t("designer.importJson")}
                disabled={readOnly || dirty || importing.importing}
              >
                <IconUpload size={18} />
              </ActionIcon>
            </Tooltip>
          )}
        </FileButton>
      )}
      {publishing && (
        <Tooltip
          label={
            errorCount
              ? t("designer.publish.blocked")
              : dirty
                ? t("designer.publish.saveFirst")
                : t("designer.publish.hint")
          }
        >
          <Button
            size="xs"
            color="red"
            disabled={readOnly || !canPublish}
            loading={publishing.publishing}
            onClick={publishing.publish}
          >
            {t("designer.publish.button")}
          </Button>
        </Tooltip>
      )}
    </>
  );
}
