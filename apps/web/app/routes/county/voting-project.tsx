import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Image,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { ValidationError } from "@rdlink/core/shared/errors";
import { getProject } from "@rdlink/core/voting/get-project";
import { recordAcceptance, reportProgress, setProjectUnit } from "@rdlink/core/voting/supervise-project";
import { Link, useFetcher } from "react-router";
import { PageHeader } from "~/components/page-header";
import { readFormWithFiles } from "~/lib/actions.server";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { IMAGE_ACCEPT } from "~/lib/image-accept";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/voting-project";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, (tx, ctx) => getProject(tx, ctx, args.params.candidateId), "tenant.voting.manage");
}

/** The project's forms (the progress report carries photos, so all are read as multipart). */
export function action(args: Route.ActionArgs) {
  const id = args.params.candidateId;
  return countyAction(
    args,
    async (county) => {
      const { values, uploads } = await readFormWithFiles(county.request);
      const { intent, ...form } = values;
      if (intent !== "unit" && intent !== "progress" && intent !== "acceptance") {
        throw new ValidationError({}, "errors.unknownIntent");
      }
      await county.inTenantStoringFiles(async (tx, ctx, staged) => {
        if (intent === "unit") await setProjectUnit(tx, ctx, id, form);
        else if (intent === "acceptance") await recordAcceptance(tx, ctx, id, form);
        else await reportProgress(tx, ctx, id, form, { uploads: await uploads("photos"), staged });
      });
      return { ok: true as const, intent };
    },
    "tenant.voting.manage",
  );
}

type Data = Route.ComponentProps["loaderData"];

function ProgressForm() {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  return (
    <fetcher.Form method="post" encType="multipart/form-data" data-testid="progress-form">
      <input type="hidden" name="intent" value="progress" />
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            name="milestone"
            label={t("voting.project.milestone")}
            required
            maxLength={60}
            error={errors.field("milestone")}
          />
          <TextInput
            name="percent"
            label={t("voting.project.percent")}
            required
            inputMode="numeric"
            error={errors.field("percent")}
          />
          <TextInput
            name="reportedOn"
            type="date"
            label={t("voting.project.reportedOn")}
            required
            error={errors.field("reportedOn")}
          />
        </SimpleGrid>
        <Textarea name="note" label={t("voting.project.note")} maxLength={1000} />
        <FileInput
          name="photos"
          label={t("voting.project.photos")}
          accept={IMAGE_ACCEPT}
          multiple
          clearable
          error={errors.field("photos")}
        />
        {errors.form && <Alert color="red">{errors.form}</Alert>}
        <Button type="submit" loading={fetcher.state !== "idle"} style={{ alignSelf: "flex-start" }}>
          {t("voting.project.report")}
        </Button>
      </Stack>
    </fetcher.Form>
  );
}

function AcceptanceForm() {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  return (
    <fetcher.Form method="post" encType="multipart/form-data" data-testid="acceptance-form">
      <input type="hidden" name="intent" value="acceptance" />
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <TextInput
            name="acceptedOn"
            type="date"
            label={t("voting.project.acceptedOn")}
            required
            error={errors.field("acceptedOn")}
          />
          {(["satisfied", "basic", "unsatisfied"] as const).map((k) => (
            <TextInput
              key={k}
              name={k}
              label={t(`voting.project.${k}`)}
              required
              inputMode="numeric"
              defaultValue="0"
              error={errors.field(k)}
            />
          ))}
        </SimpleGrid>
        {errors.form && <Alert color="red">{errors.form}</Alert>}
        <Button type="submit" loading={fetcher.state !== "idle"} style={{ alignSelf: "flex-start" }}>
          {t("voting.project.recordAcceptance")}
        </Button>
      </Stack>
    </fetcher.Form>
  );
}

function UnitForm({ data }: { data: Data }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  return (
    <fetcher.Form method="post" encType="multipart/form-data">
      <input type="hidden" name="intent" value="unit" />
      <Group align="flex-end" gap="xs">
        <NativeSelect
          name="handlingUnitId"
          label={t("voting.project.unit")}
          data={[{ value: "", label: "—" }, ...data.units]}
          defaultValue={data.project.handlingUnitId ?? ""}
          error={errors.field("handlingUnitId")}
        />
        <Button type="submit" variant="default" loading={fetcher.state !== "idle"}>
          {t("voting.project.setUnit")}
        </Button>
      </Group>
    </fetcher.Form>
  );
}

/** 项目监督: a chosen project's responsible unit, progress with photos, and the representatives' 验单. */
export default function VotingProject({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { project, meeting, reports, street } = loaderData;
  const chosen = project.status === "chosen";
  return (
    <>
      <Anchor
        component={Link}
        to={meeting ? `/county/voting/meetings/${meeting.id}` : `/county/townships/${street.id}/voting`}
        size="sm"
      >
        ← {meeting?.name ?? street.name}
      </Anchor>
      <PageHeader
        title={`${t("voting.project.title")}：${project.title}`}
        intro={`${(project.costYuan / 10_000).toLocaleString("zh-CN")} 万元 · ${project.description}`}
        actions={
          <Badge variant="light" size="lg">
            {project.completed ? t("voting.project.completed") : t(`voting.statuses.${project.status}`)}
          </Badge>
        }
      />
      {chosen && (
        <Stack gap="md">
          <UnitForm data={loaderData} />
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="xs">
              {t("voting.project.progress")}
            </Title>
            <Stack gap="xs" data-testid="progress-reports" mb="md">
              {reports.length === 0 && <Text size="sm">{t("voting.project.none")}</Text>}
              {reports.map((r) => (
                <div key={r.id} data-testid="progress-report">
                  <Text fw={600}>
                    {r.reportedOn} {r.milestone} · {r.percent}%
                  </Text>
                  {r.note && <Text size="sm">{r.note}</Text>}
                  <Group gap="xs">
                    {r.photoFileIds.map((id, i) => (
                      <Image
                        key={id}
                        src={`/county/files/${id}`}
                        alt={`${r.milestone} ${i + 1}`}
                        w={96}
                        h={72}
                        fit="cover"
                        radius="sm"
                      />
                    ))}
                  </Group>
                </div>
              ))}
            </Stack>
            {!project.completed && <ProgressForm />}
          </Paper>
          {project.completed && (
            <Paper withBorder p="md" data-testid="acceptance">
              <Title order={2} size="h4">
                {t("voting.project.acceptance")}
              </Title>
              <Text size="sm" c="dark.6" mb="xs">
                {t("voting.project.acceptanceIntro")}
              </Text>
              {project.acceptance ? (
                <Text data-testid="acceptance-result">{t("voting.project.acceptanceResult", project.acceptance)}</Text>
              ) : (
                <AcceptanceForm />
              )}
            </Paper>
          )}
        </Stack>
      )}
    </>
  );
}
