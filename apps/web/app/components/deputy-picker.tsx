import { MultiSelect } from "@mantine/core";
import { useEffect, useState } from "react";
import { useFetcher } from "react-router";
import { useTranslation } from "~/lib/use-translation";
import type { loader } from "~/routes/county/deputy-options";

export type DeputyOption = { id: string; name: string; level?: string; townshipName?: string };

/**
 * Picks deputies among thousands: the server is asked for up to 20 names matching what is
 * typed (in one township, if given); the chosen ones stay listed. Submits their ids
 * comma-joined in `name`.
 */
export function DeputyPicker({
  name,
  label,
  initial = [],
  error,
  description,
  townshipId,
  maxValues,
  notInStationId,
}: {
  name: string;
  label: string;
  initial?: DeputyOption[];
  error?: string;
  description?: string;
  /** Only this township's deputies. */
  townshipId?: string;
  maxValues?: number;
  /** Offers only deputies not yet in this station (asked of the server, before its limit). */
  notInStationId?: string;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof loader>();
  const [search, setSearch] = useState("");
  const [chosen, setChosen] = useState<DeputyOption[]>(initial);
  const { load } = fetcher;
  useEffect(() => {
    const query = new URLSearchParams({
      q: search,
      ...(townshipId ? { township: townshipId } : {}),
      ...(notInStationId ? { notIn: notInStationId } : {}),
    });
    const timer = setTimeout(() => load(`/county/deputy-options?${query}`), 250);
    return () => clearTimeout(timer);
  }, [search, townshipId, notInStationId, load]);
  const found = Array.isArray(fetcher.data) ? fetcher.data : [];
  const options = new Map([...chosen, ...found].map((d) => [d.id, d]));
  const describe = (d: DeputyOption) =>
    [d.level && t(`deputies.levels.${d.level as "county"}`), d.townshipName].filter(Boolean).join(" · ");
  return (
    <MultiSelect
      name={name}
      label={label}
      description={description}
      placeholder={t("grids.pickDeputies")}
      data={[...options.values()].map((d) => ({ value: d.id, label: d.name }))}
      value={chosen.map((d) => d.id)}
      onChange={(ids) => setChosen(ids.map((id) => options.get(id)!).filter(Boolean))}
      searchValue={search}
      onSearchChange={setSearch}
      renderOption={({ option }) => {
        const deputy = options.get(option.value);
        return (
          <span>
            {option.label}
            {deputy && describe(deputy) && (
              <span style={{ color: "var(--mantine-color-dimmed)" }}>（{describe(deputy)}）</span>
            )}
          </span>
        );
      }}
      maxValues={maxValues}
      searchable
      hidePickedOptions
      nothingFoundMessage={t("common.none")}
      error={error}
    />
  );
}
