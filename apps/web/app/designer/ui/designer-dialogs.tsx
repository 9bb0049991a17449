import { Button, List, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { placeText } from "../issues";
import type { ImportError } from "./hooks/use-import";

/** Someone else saved the draft first: load theirs, overwrite it with mine, or keep mine as a file. */
export function ConflictDialog({
  conflict,
  onLoadTheirs,
  onKeepMine,
  onDownloadMine,
}: {
  /** The revision they saved; null while there is no conflict. */
  conflict: string | null;
  onLoadTheirs: () => void;
  onKeepMine: () => void;
  onDownloadMine: () => void;
}) {
  const { t } = useTranslation();
  const tr = t as (key: string, values?: Record<string, unknown>) => string;
  // No way out but a choice: closing would leave the edits unsaved without saying so.
  return (
    <Modal opened={!!conflict} onClose={() => {}} withCloseButton={false} title={t("designer.conflict.title")}>
      <Stack>
        <Text size="sm">{tr("designer.conflict.body", { revision: conflict ?? "" })}</Text>
        <Button variant="default" onClick={onLoadTheirs}>
          {t("designer.conflict.loadTheirs")}
        </Button>
        <Button color="red" onClick={onKeepMine}>
          {t("designer.conflict.keepMine")}
        </Button>
        <Button variant="subtle" onClick={onDownloadMine}>
          {t("designer.conflict.downloadMine")}
        </Button>
      </Stack>
    </Modal>
  );
}

/**
 * What the server refused in an imported file, each problem named by the file's own labels
 * where it has them (its JSON path is for engineers: not shown).
 */
export function ImportErrorsDialog({
  errors,
  importedFile,
  onClose,
}: {
  errors: ImportError[] | null;
  /** The file as JSON, or null if it is not JSON. */
  importedFile: unknown;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const tr = t as (key: string, values?: Record<string, unknown>) => string;
  return (
    <Modal opened={!!errors} onClose={onClose} title={t("designer.importFailed")}>
      <Text size="sm" mb="xs">
        {t("designer.importFailedIntro")}
      </Text>
      <List size="sm" data-testid="import-errors">
        {(errors ?? []).map(([path, key]) => (
          <List.Item key={`${path}:${key}`}>
            {path && (
              <Text span fw={600} size="sm">
                {placeText(tr, importedFile, path)}：
              </Text>
            )}
            {tr(key)}
          </List.Item>
        ))}
      </List>
    </Modal>
  );
}
