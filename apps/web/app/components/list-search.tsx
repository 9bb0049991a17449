import { Text, TextInput, type TextInputProps } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useSearchParams } from "react-router";
import { useTranslation } from "~/lib/use-translation";

/** The search box of a server-side list: its term is ?q=, sent by the list's filter form. */
export function ListSearch(props: TextInputProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <TextInput
      name="q"
      defaultValue={params.get("q") ?? ""}
      placeholder={t("common.searchPlaceholder")}
      aria-label={t("common.search")}
      leftSection={<IconSearch size={16} />}
      {...props}
    />
  );
}

/** How many rows the list's filters match, beside the filters. */
export function ListTotal({ total }: { total: number }) {
  const { t } = useTranslation();
  return (
    <Text c="dimmed" size="sm">
      {t("common.total", { count: total })}
    </Text>
  );
}
