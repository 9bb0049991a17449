import { Select } from "@mantine/core";
import { useListFilters } from "~/lib/list-filters";
import { useTranslation } from "~/lib/use-translation";

/** The year of a 履职档案: this one and the four before it, in the query string (`year`). */
export function RecordYearPicker({ year, thisYear }: { year: number; thisYear: number }) {
  const { t } = useTranslation();
  const { setFilter } = useListFilters();
  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
  if (!years.includes(year)) years.push(year);
  return (
    <Select
      label={t("deputyRecords.year")}
      data={years.map((y) => ({ value: String(y), label: t("deputyRecords.yearOption", { year: y }) }))}
      value={String(year)}
      onChange={(value) => setFilter("year")(value)}
      allowDeselect={false}
      w={120}
    />
  );
}
