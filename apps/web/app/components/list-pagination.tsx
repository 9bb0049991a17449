import { Pagination } from "@mantine/core";
import { useSearchParams } from "react-router";
import { useTranslation } from "~/lib/use-translation";

/** Server-side pages: the page number lives in ?page=, so a list can be linked and reloaded. */
export function ListPagination({ total, page, pageSize }: { total: number; page: number; pageSize: number }) {
  const { t } = useTranslation();
  const [, setParams] = useSearchParams();
  if (total <= pageSize) return null;
  return (
    <Pagination
      mt="md"
      total={Math.ceil(total / pageSize)}
      value={page}
      getControlProps={(control) => ({ "aria-label": t(`common.pages.${control}`) })}
      getItemProps={(item) => ({ "aria-label": t("common.pages.page", { page: item }) })}
      onChange={(next) =>
        setParams((current) => {
          current.set("page", String(next));
          return current;
        })
      }
    />
  );
}
