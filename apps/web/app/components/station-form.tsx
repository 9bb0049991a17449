import {
  Alert,
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type { TFieldDefinition } from "@rdlink/forms";
import { useState } from "react";
import { Form, useNavigation } from "react-router";
import { FieldInputs } from "~/components/field-inputs";
import type { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";

type Option = { value: string; label: string };
type StationType = { id: string; name: string; customFields: TFieldDefinition[] };

export type StationFormOptions = {
  types: StationType[];
  townships: { id: string; name: string }[];
  communities: { id: string; name: string; townshipId: string }[];
  liaisons: { userId: string; displayName: string; username: string; townshipIds: string[] }[];
};

/** What an existing station's form starts from. */
export type StationFormValues = {
  stationTypeId: string;
  townshipId: string;
  name: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  communityId: string | null;
  headDeputyId: string | null;
  theme: string | null;
  receptionSchedule: string | null;
  partners: string[];
  status: "planned" | "active" | "closed";
  customValues: Record<string, unknown>;
  liaisonUserIds: string[];
};

const STATUSES = ["planned", "active", "closed"] as const;

/**
 * Creating and editing a station share one form. A new station picks its type and
 * township (the liaison and community pickers follow the township); an existing one
 * keeps both and may choose its head among the deputies in station.
 */
export function StationForm({
  options,
  station,
  headCandidates = [],
  errors,
  submitLabel,
}: {
  options: StationFormOptions;
  /** An existing station, with its type's current fields. */
  station?: StationFormValues & { customFields: TFieldDefinition[] };
  headCandidates?: Option[];
  errors: ReturnType<typeof useFormErrors>;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [typeId, setTypeId] = useState<string | null>(station?.stationTypeId ?? options.types[0]?.id ?? null);
  const [townshipId, setTownshipId] = useState<string | null>(
    station?.townshipId ?? (options.townships.length === 1 ? options.townships[0]!.id : null),
  );
  const type = station
    ? { id: station.stationTypeId, customFields: station.customFields }
    : options.types.find((x) => x.id === typeId);
  const liaisons = options.liaisons
    .filter((l) => townshipId && l.townshipIds.includes(townshipId))
    .map((l) => ({ value: l.userId, label: `${l.displayName}（${l.username}）` }));
  const communities = options.communities
    .filter((c) => c.townshipId === townshipId)
    .map((c) => ({ value: c.id, label: c.name }));
  return (
    <Form method="post" encType="multipart/form-data">
      <Stack maw={820}>
        {errors.form && <Alert color="red">{errors.form}</Alert>}
        <Paper withBorder p="lg">
          <Stack>
            {!station && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  name="stationTypeId"
                  label={t("stations.type")}
                  data={options.types.map((x) => ({ value: x.id, label: x.name }))}
                  value={typeId}
                  onChange={setTypeId}
                  allowDeselect={false}
                  required
                  error={errors.field("stationTypeId")}
                />
                <Select
                  name="townshipId"
                  label={t("stations.township")}
                  data={options.townships.map((x) => ({ value: x.id, label: x.name }))}
                  value={townshipId}
                  onChange={setTownshipId}
                  searchable
                  required
                  error={errors.field("townshipId")}
                />
              </SimpleGrid>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                name="name"
                label={t("stations.name")}
                defaultValue={station?.name}
                required
                error={errors.field("name")}
              />
              <Select
                name="status"
                label={t("stations.status")}
                data={STATUSES.map((s) => ({ value: s, label: t(`stations.statuses.${s}`) }))}
                defaultValue={station?.status ?? "active"}
                allowDeselect={false}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                name="address"
                label={t("stations.address")}
                defaultValue={station?.address ?? ""}
                error={errors.field("address")}
              />
              <Select
                name="communityId"
                label={t("stations.community")}
                data={communities}
                defaultValue={station?.communityId ?? null}
                searchable
                clearable
                disabled={communities.length === 0}
                placeholder={communities.length === 0 ? t("stations.noCommunities") : undefined}
                error={errors.field("communityId")}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 2 }}>
              <TextInput
                name="latitude"
                label={t("stations.latitude")}
                inputMode="decimal"
                placeholder="22.8167"
                defaultValue={station?.latitude ?? ""}
                error={errors.field("latitude")}
              />
              <TextInput
                name="longitude"
                label={t("stations.longitude")}
                inputMode="decimal"
                placeholder="108.3669"
                defaultValue={station?.longitude ?? ""}
                error={errors.field("longitude")}
              />
            </SimpleGrid>
            <MultiSelect
              name="liaisonUserIds"
              label={t("stations.liaisons")}
              description={t("stations.liaisonsHint")}
              data={liaisons}
              defaultValue={station?.liaisonUserIds}
              key={townshipId}
              maxValues={2}
              searchable
              required
              error={errors.field("liaisonUserIds")}
            />
            {station && (
              <Select
                name="headDeputyId"
                label={t("stations.head")}
                description={t("stations.headHint")}
                data={headCandidates}
                defaultValue={station.headDeputyId}
                searchable
                clearable
                error={errors.field("headDeputyId")}
              />
            )}
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                name="receptionSchedule"
                label={t("stations.schedule")}
                placeholder="每月15日"
                defaultValue={station?.receptionSchedule ?? ""}
              />
              <TextInput
                name="theme"
                label={t("stations.theme")}
                placeholder={t("stations.themeHint")}
                defaultValue={station?.theme ?? ""}
              />
              <TextInput
                name="partners"
                label={t("stations.partners")}
                description={t("stations.partnersHint")}
                defaultValue={station?.partners.join("、")}
                error={errors.field("partners")}
              />
            </SimpleGrid>
          </Stack>
        </Paper>
        {type && type.customFields.length > 0 && (
          <Paper withBorder p="lg">
            <Title order={5} mb="sm">
              {t("stations.fields")}
            </Title>
            <Stack>
              <FieldInputs
                key={type.id}
                fields={type.customFields}
                values={station?.customValues}
                prefix="custom."
                errorOf={(key) => errors.field(`customValues.${key}`)}
              />
            </Stack>
          </Paper>
        )}
        {errors.all.length > 0 && !errors.form && (
          <Text c="red" size="sm" role="alert">
            {t("validation.checkForm")}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}
