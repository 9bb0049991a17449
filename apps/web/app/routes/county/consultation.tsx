import { Anchor, Badge, Button, Grid, Group, Image, Paper, Stack, Text } from "@mantine/core";
import { closeConsultation } from "@rdlink/core/consultations/close-consultation";
import { getConsultation } from "@rdlink/core/consultations/get-consultation";
import { markFates } from "@rdlink/core/consultations/mark-fates";
import { mergeComments } from "@rdlink/core/consultations/merge-comments";
import { recordOfflineComment } from "@rdlink/core/consultations/record-offline-comment";
import { saveArticleOpinion } from "@rdlink/core/consultations/save-article-opinion";
import { IconArrowLeft, IconFileSpreadsheet, IconPrinter } from "@tabler/icons-react";
import { Link, useFetcher } from "react-router";
import { ConsultationArticles } from "~/components/consultation-articles";
import { OfflineCommentForm, SelectionForm } from "~/components/consultation-forms";
import { PageHeader } from "~/components/page-header";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/consultation";

export function loader(args: Route.LoaderArgs) {
  const id = args.params.consultationId;
  return countyLoader(
    args,
    async (tx, ctx) => {
      const view = await getConsultation(tx, ctx.actor, id, ctx.clock.now());
      return { view, publicUrl: new URL(`/c/${view.consultation.publicCode}`, args.request.url).toString() };
    },
    "tenant.consultations.manage",
  );
}

/** Ticked comments arrive as `commentIds`: a merge keeps the first and folds the rest into it. */
const ticked = (form: Record<string, unknown>) =>
  Array.isArray(form.commentIds) ? form.commentIds : form.commentIds === undefined ? [] : [form.commentIds];

export function action(args: Route.ActionArgs) {
  const id = args.params.consultationId;
  return intentAction(
    args,
    {
      close: (tx, ctx) => closeConsultation(tx, ctx, id),
      offline: (tx, ctx, form) => recordOfflineComment(tx, ctx, id, form),
      opinion: (tx, ctx, form) => saveArticleOpinion(tx, ctx, id, form),
      fates: (tx, ctx, form) => markFates(tx, ctx, id, { ...form, commentIds: ticked(form) }),
      merge: (tx, ctx, form) => {
        const [keepId, ...duplicateIds] = ticked(form);
        return mergeComments(tx, ctx, id, { keepId, duplicateIds });
      },
    },
    "tenant.consultations.manage",
  );
}

const SELECTION_FORM = "consultation-selection";

/** One consultation: its public page and QR code, offline comments, the summary by article, feedback. */
export default function Consultation({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { view, publicUrl } = loaderData;
  const { consultation, totals } = view;
  const closer = useFetcher();
  const base = `/county/consultations/${consultation.id}`;
  return (
    <>
      <Button
        component={Link}
        to="/county/consultations"
        variant="subtle"
        leftSection={<IconArrowLeft size={16} />}
        mb="xs"
      >
        {t("consultationDesk.back")}
      </Button>
      <PageHeader
        title={consultation.title}
        intro={`${consultation.stationName} · ${t("comment.issuedBy", { body: consultation.issuingBody })} · ${t("comment.closesOn", { date: consultation.closesOn })}`}
        actions={
          <Group>
            <Button component="a" href={`${base}/summary`} variant="light" leftSection={<IconPrinter size={16} />}>
              {t("consultationDesk.print")}
            </Button>
            <Button
              component="a"
              href={`${base}/summary.xlsx`}
              variant="light"
              leftSection={<IconFileSpreadsheet size={16} />}
              data-testid="export-summary"
            >
              {t("consultationDesk.exportXlsx")}
            </Button>
            {!consultation.closed && (
              <closer.Form
                method="post"
                onSubmit={(event) => {
                  if (!window.confirm(t("consultationDesk.closeConfirm"))) event.preventDefault();
                }}
              >
                <input type="hidden" name="intent" value="close" />
                <Button type="submit" color="red" variant="light" loading={closer.state !== "idle"}>
                  {t("consultationDesk.close")}
                </Button>
              </closer.Form>
            )}
          </Group>
        }
      />
      <Grid mb="md">
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <Stack gap="xs">
            <Group gap="xs">
              <Badge color={consultation.closed ? "gray" : "green"} variant="light" data-testid="consultation-status">
                {consultation.closed ? t("consultationDesk.closedStatus") : t("consultationDesk.collecting")}
              </Badge>
              <Text size="sm" data-testid="consultation-totals">
                {t("consultationDesk.totals", totals)}
              </Text>
            </Group>
            <Text size="sm">
              {t("consultationDesk.publicPage")}：
              <Anchor href={publicUrl} target="_blank" data-testid="public-link">
                {publicUrl}
              </Anchor>
            </Text>
            <OfflineCommentForm articles={view.articles} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Paper withBorder p="sm" radius="md" ta="center">
            <Image
              src={`${base}/qr.png`}
              alt={t("consultationDesk.qrAlt", { title: consultation.title })}
              w={180}
              mx="auto"
            />
            <Anchor href={`${base}/qr.png`} download size="sm">
              {t("consultationDesk.qr")}
            </Anchor>
          </Paper>
        </Grid.Col>
      </Grid>
      <Text size="sm" c="dimmed" mb="xs">
        {t("consultationDesk.summaryHint")}
      </Text>
      <SelectionForm id={SELECTION_FORM} />
      <div style={{ marginTop: 12 }}>
        <ConsultationArticles view={view} selectionForm={SELECTION_FORM} />
      </div>
    </>
  );
}
