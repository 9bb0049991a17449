import {
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { commentChannels, commentFates } from "@rdlink/vocabulary/consultation-comments";
import { useEffect, useRef } from "react";
import { useFetcher } from "react-router";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";

type Article = { id: string; heading: string };

/** The article a comment is on: the whole draft, or one of its articles. */
function ArticleSelect({ articles, error }: { articles: Article[]; error?: string }) {
  const { t } = useTranslation();
  return (
    <Select
      name="articleId"
      label={t("consultationDesk.article")}
      data={[
        { value: "", label: t("consultationDesk.wholeDraft") },
        ...articles.map((a) => ({ value: a.id, label: a.heading })),
      ]}
      defaultValue=""
      searchable
      allowDeselect={false}
      error={error}
    />
  );
}

/** 录入线下意见: a tea talk's, a meeting's, a WeChat group's comment, with how many voiced it. */
export function OfflineCommentForm({ articles }: { articles: Article[] }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ ok: boolean }>();
  const errors = useFormErrors(fetcher.data);
  const form = useRef<HTMLFormElement>(null);
  const done = fetcher.state === "idle" && fetcher.data?.ok === true;
  useEffect(() => {
    if (done) form.current?.reset();
  }, [done]);
  return (
    <Paper withBorder p="md" radius="md">
      <fetcher.Form method="post" ref={form} data-testid="offline-form">
        <input type="hidden" name="intent" value="offline" />
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t("consultationDesk.offlineTitle")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("consultationDesk.offlineHint")}
          </Text>
          {errors.form && (
            <Text c="red" role="alert">
              {errors.form}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Select
              name="channel"
              label={t("consultationDesk.channel")}
              data={commentChannels
                .filter((c) => c !== "online")
                .map((c) => ({ value: c, label: t(`consultationDesk.channels.${c}`) }))}
              defaultValue="teaTalk"
              allowDeselect={false}
              error={errors.field("channel")}
            />
            <NumberInput
              name="peopleCount"
              label={t("consultationDesk.peopleCount")}
              min={1}
              defaultValue={1}
              required
              error={errors.field("peopleCount")}
            />
            <ArticleSelect articles={articles} error={errors.field("articleId")} />
          </SimpleGrid>
          <Textarea
            name="content"
            label={t("consultationDesk.content")}
            required
            maxLength={2000}
            autosize
            minRows={2}
            error={errors.field("content")}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={fetcher.state !== "idle"}>
              {t("consultationDesk.addComment")}
            </Button>
          </Group>
        </Stack>
      </fetcher.Form>
    </Paper>
  );
}

/**
 * What is done with the ticked comments (their checkboxes belong to this form through their
 * `form` attribute): merged into the first ticked, or marked with the legislature's answer.
 */
export function SelectionForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ ok: boolean }>();
  const errors = useFormErrors(fetcher.data);
  return (
    <Paper withBorder p="md" radius="md" pos="sticky" top={60} style={{ zIndex: 2 }}>
      <fetcher.Form method="post" id={id} data-testid="selection-form">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t("consultationDesk.feedback")}
          </Title>
          {(errors.form || errors.field("commentIds") || errors.field("duplicateIds") || errors.field("keepId")) && (
            <Text c="red" role="alert">
              {errors.form ?? errors.field("commentIds") ?? errors.field("duplicateIds") ?? errors.field("keepId")}
            </Text>
          )}
          <Group align="flex-end" wrap="wrap">
            <Select
              name="fate"
              label={t("consultationDesk.fate")}
              data={commentFates.map((f) => ({ value: f, label: t(`consultations.fates.${f}`) }))}
              defaultValue="adopted"
              allowDeselect={false}
              w={140}
            />
            <TextInput
              name="reason"
              label={t("consultationDesk.reason")}
              maxLength={500}
              style={{ flex: 1, minWidth: 200 }}
            />
            <Button type="submit" name="intent" value="fates" loading={fetcher.state !== "idle"}>
              {t("consultationDesk.markSelected")}
            </Button>
            <Button type="submit" name="intent" value="merge" variant="light" title={t("consultationDesk.mergeHint")}>
              {t("consultationDesk.merge")}
            </Button>
          </Group>
        </Stack>
      </fetcher.Form>
    </Paper>
  );
}

/** 联系点意见 on one article. */
export function ArticleOpinionForm({ articleId, opinion }: { articleId: string; opinion: string | null }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ ok: boolean }>();
  const errors = useFormErrors(fetcher.data);
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="opinion" />
      <input type="hidden" name="articleId" value={articleId} />
      <Group align="flex-end" gap="xs">
        <Textarea
          name="opinion"
          label={t("consultationDesk.opinion")}
          defaultValue={opinion ?? ""}
          maxLength={2000}
          autosize
          minRows={1}
          style={{ flex: 1 }}
          error={errors.field("opinion")}
        />
        <Button type="submit" variant="light" loading={fetcher.state !== "idle"}>
          {fetcher.state === "idle" && fetcher.data?.ok
            ? t("consultationDesk.saved")
            : t("consultationDesk.saveOpinion")}
        </Button>
      </Group>
    </fetcher.Form>
  );
}
