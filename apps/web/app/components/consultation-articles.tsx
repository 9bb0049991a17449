import { Badge, Checkbox, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { GroupedComment, TConsultationView } from "@rdlink/core/consultations/get-consultation";
import { useTranslation } from "~/lib/use-translation";
import { ArticleOpinionForm } from "./consultation-forms";

const FATE_COLORS: Record<string, string> = { adopted: "green", partlyAdopted: "yellow", notAdopted: "gray" };

/** One distinct comment: a checkbox of the selection form, its people, source, fate and merged duplicates. */
function CommentRow({ comment, selectionForm }: { comment: GroupedComment; selectionForm: string }) {
  const { t } = useTranslation();
  return (
    <Group align="flex-start" wrap="nowrap" gap="sm" data-testid="comment">
      <Checkbox
        form={selectionForm}
        name="commentIds[]"
        value={comment.id}
        aria-label={t("consultationDesk.selectComment", { content: comment.content.slice(0, 40) })}
        mt={4}
      />
      <Stack gap={2} style={{ flex: 1 }}>
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
          {comment.content}
        </Text>
        <Group gap="xs">
          <Badge variant="light" size="sm">
            {t("consultationDesk.peopleOf", { count: comment.people })}
          </Badge>
          <Text size="xs" c="dimmed">
            {t(`consultationDesk.channels.${comment.channel}`)}
            {comment.submitterName ? ` · ${comment.submitterName}` : ""}
          </Text>
          {comment.fate && (
            <Badge color={FATE_COLORS[comment.fate]} size="sm" data-testid="comment-fate">
              {t(`consultations.fates.${comment.fate}`)}
            </Badge>
          )}
        </Group>
        {comment.duplicates.length > 0 && (
          <Text size="xs" c="dimmed">
            {t("consultationDesk.duplicates", { count: comment.duplicates.length })}：
            {comment.duplicates.map((d) => d.content).join("；")}
          </Text>
        )}
      </Stack>
    </Group>
  );
}

/**
 * The summary as the contact point works on it: comments on the whole draft, then each article
 * (its chapter, its text) with the comments on it and the point's opinion.
 */
export function ConsultationArticles({ view, selectionForm }: { view: TConsultationView; selectionForm: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="summary">
      <Paper withBorder p="md" radius="md" data-testid="article-whole">
        <Title order={3} size="h5" mb="xs">
          {t("consultationDesk.wholeDraft")}
        </Title>
        <Stack gap="sm">
          {view.wholeDraft.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("consultationDesk.noComments")}
            </Text>
          ) : (
            view.wholeDraft.map((c) => <CommentRow key={c.id} comment={c} selectionForm={selectionForm} />)
          )}
        </Stack>
      </Paper>
      {view.articles.map((article) => (
        <Paper key={article.id} withBorder p="md" radius="md" data-testid="article" data-heading={article.heading}>
          {article.chapter && (
            <Text size="xs" c="dimmed">
              {article.chapter}
            </Text>
          )}
          <Title order={3} size="h5">
            {article.heading}
            {article.comments.length > 0 && (
              <Badge ml="xs" variant="light" data-testid="article-count">
                {article.comments.length}
              </Badge>
            )}
          </Title>
          <Text size="sm" c="dimmed" mb="xs" style={{ whiteSpace: "pre-wrap" }}>
            {article.body}
          </Text>
          <Stack gap="sm">
            {article.comments.map((c) => (
              <CommentRow key={c.id} comment={c} selectionForm={selectionForm} />
            ))}
            {article.comments.length > 0 && <ArticleOpinionForm articleId={article.id} opinion={article.opinion} />}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
