import { Button, Tooltip } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useSearchParams } from "react-router";
import { useTranslation } from "~/lib/use-translation";

/** "导出 Excel": the list's export route with the page's own query (its filters), every page. */
export function ExportButton({ to, testId }: { to: string; testId: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const query = new URLSearchParams(params);
  query.delete("page");
  const search = query.toString();
  return (
    <Tooltip label={t("common.exportExcelHint")}>
      <Button
        component="a"
        href={search ? `${to}?${search}` : to}
        download
        variant="light"
        leftSection={<IconDownload size={16} />}
        data-testid={testId}
      >
        {t("common.exportExcel")}
      </Button>
    </Tooltip>
  );
}
