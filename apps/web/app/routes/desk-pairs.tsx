import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Image,
  Input,
  Modal,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IMAGE_UPLOAD_ACCEPT } from "@rdlink/core/files/upload-policy";
import { myPairs } from "@rdlink/core/pairs/my-pairs";
import { recordVisit } from "@rdlink/core/pairs/record-visit";
import { pairVisitForms } from "@rdlink/vocabulary/pairs";
import { IconCamera } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { Link, useFetcher } from "react-router";
import { FormActions } from "~/components/form-actions";
import { PageHeader } from "~/components/page-header";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/desk-pairs";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, myPairs, "tenant.pairs.visit");
}

/** 记录走访: the visit, its photos and (when asked) the opinion it raises, in one transaction. */
export function action(args: Route.ActionArgs) {
  return countyAction(
    args,
    async (county) => {
      const { values, uploads } = await county.formWithFiles();
      const photos = await uploads("photos");
      const { caseId } = await county.inTenantStoringFiles((tx, ctx, staged) =>
        recordVisit(tx, ctx, values, photos, staged),
      );
      return { ok: true as const, caseId };
    },
    "tenant.pairs.visit",
  );
}

type LoaderData = Route.ComponentProps["loaderData"];
type Pair = LoaderData["pairs"][number];

/** 我的双联: a deputy's paired households on their phone, each visit recorded where it happens. */
export default function DeskPairs({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { deputy, pairs } = loaderData;
  const [visiting, setVisiting] = useState<Pair | null>(null);
  const [saved, setSaved] = useState<{ caseId: string | null } | null>(null);
  return (
    <>
      <Anchor component={Link} to="/desk" size="sm">
        ← {t("desk.title")}
      </Anchor>
      <PageHeader title={t("pairs.mine")} intro={t("pairs.mineIntro")} />
      <Stack gap="md" maw={760}>
        {saved && (
          <Alert color="green" data-testid="visit-saved" withCloseButton onClose={() => setSaved(null)}>
            {saved.caseId ? t("pairs.savedWithCase") : t("pairs.saved")}
          </Alert>
        )}
        {!deputy ? (
          <Text c="dark.6">{t("pairs.notLinked")}</Text>
        ) : pairs.length === 0 ? (
          <Text c="dark.6">{t("pairs.none")}</Text>
        ) : (
          pairs.map((pair) => (
            <PairCard
              key={pair.id}
              pair={pair}
              overdueMonths={loaderData.overdueMonths}
              onVisit={() => {
                setSaved(null);
                setVisiting(pair);
              }}
            />
          ))
        )}
      </Stack>
      {visiting && (
        <VisitModal
          pair={visiting}
          data={loaderData}
          onClose={() => setVisiting(null)}
          onSaved={(caseId) => {
            setVisiting(null);
            setSaved({ caseId });
          }}
        />
      )}
    </>
  );
}

function PairCard({ pair, overdueMonths, onVisit }: { pair: Pair; overdueMonths: number; onVisit: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-label={pair.householdName} data-testid="my-pair">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Badge variant="light" size="sm">
            {t(`pairs.kinds.${pair.kind}`)}
          </Badge>
          <Title order={2} size="h4">
            {pair.householdName}
          </Title>
          <Text size="sm" c="dark.6">
            {pair.community ? `${pair.community} · ` : ""}
            {pair.address}
            {pair.phone ? ` · ${pair.phone}` : ""}
          </Text>
          <Group gap="xs">
            <Text size="sm">
              {t("pairs.lastVisit")}：{pair.lastVisit ?? t("pairs.never")}
            </Text>
            {pair.overdue && (
              <Badge color="orange.9" variant="outline" size="sm">
                {t("pairs.overdueBadge", { months: overdueMonths })}
              </Badge>
            )}
          </Group>
        </Stack>
        <Button onClick={onVisit} style={{ flexShrink: 0 }}>
          {t("pairs.record")}
        </Button>
      </Group>
      <Text fw={600} size="sm" mt="md" mb={4}>
        {t("pairs.history")}
      </Text>
      {pair.visits.length === 0 && (
        <Text size="sm" c="dark.6">
          {t("pairs.noVisits")}
        </Text>
      )}
      <Stack gap="sm">
        {pair.visits.map((visit) => (
          <Paper key={visit.id} bg="gray.0" p="sm" radius="sm" data-testid="pair-visit">
            <Text size="sm" fw={600}>
              {visit.visitedOn} · {t(`pairs.forms.${visit.form}`)}
            </Text>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {visit.learned}
            </Text>
            {visit.photoIds.length > 0 && (
              <Group gap="xs" mt={6}>
                {visit.photoIds.map((id, n) => (
                  <Anchor key={id} href={`/county/files/${id}`} target="_blank">
                    <Image
                      src={`/county/files/${id}`}
                      w={72}
                      h={54}
                      fit="cover"
                      radius="sm"
                      alt={t("pairs.photoAlt", { n: n + 1 })}
                    />
                  </Anchor>
                ))}
              </Group>
            )}
            {visit.caseId && (
              <Anchor component={Link} to={`/work/cases/${visit.caseId}`} size="sm" mt={6} display="block">
                {t("pairs.caseLink", { title: visit.caseTitle ?? "" })}
              </Anchor>
            )}
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}

function VisitModal({
  pair,
  data,
  onClose,
  onSaved,
}: {
  pair: Pair;
  data: LoaderData;
  onClose: () => void;
  onSaved: (caseId: string | null) => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery("(max-width: 48em)");
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const [raise, setRaise] = useState(false);
  const result = fetcher.data;
  useEffect(() => {
    if (fetcher.state === "idle" && result?.ok) onSaved(result.caseId);
  }, [fetcher.state, result, onSaved]);
  return (
    <Modal opened onClose={onClose} title={t("pairs.recordTitle", { name: pair.householdName })} fullScreen={phone}>
      <fetcher.Form method="post" encType="multipart/form-data">
        <Stack>
          <input type="hidden" name="pairId" value={pair.id} />
          {errors.form && <Alert color="red">{errors.form}</Alert>}
          <TextInput
            type="date"
            name="visitedOn"
            label={t("pairs.visitedOn")}
            defaultValue={data.today}
            required
            error={errors.field("visitedOn")}
          />
          <Radio.Group name="form" label={t("pairs.form")} defaultValue="home" required error={errors.field("form")}>
            <Group mt={6}>
              {pairVisitForms.map((form) => (
                <Radio key={form} value={form} label={t(`pairs.forms.${form}`)} />
              ))}
            </Group>
          </Radio.Group>
          <Textarea
            name="learned"
            label={t("pairs.learned")}
            required
            autosize
            minRows={3}
            maxLength={2000}
            error={errors.field("learned")}
          />
          <Input.Wrapper
            label={t("pairs.photos")}
            description={t("pairs.photosHint", { count: data.maxPhotos })}
            id="visit-photos"
            error={errors.field("photos")}
          >
            <Group gap="xs" mt={6} wrap="nowrap">
              <IconCamera size={18} aria-hidden />
              <input id="visit-photos" name="photos" type="file" accept={IMAGE_UPLOAD_ACCEPT} multiple />
            </Group>
          </Input.Wrapper>
          <Checkbox
            name="raiseOpinion"
            label={t("pairs.raiseOpinion")}
            checked={raise}
            onChange={(e) => setRaise(e.currentTarget.checked)}
          />
          {raise && (
            <SimpleGrid cols={1} spacing="sm">
              <Select
                name="category"
                label={t("pairs.category")}
                data={data.categories.map((value) => ({ value, label: t(`cases.categories.${value}`) }))}
                required
                error={errors.field("category")}
                comboboxProps={{ withinPortal: false }}
              />
              <Textarea
                name="opinionContent"
                label={t("pairs.opinionContent")}
                required
                autosize
                minRows={3}
                maxLength={2000}
                error={errors.field("opinionContent")}
              />
            </SimpleGrid>
          )}
          <FormActions onCancel={onClose} submitLabel={t("pairs.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}
