import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { Form, Link, useFetcher } from "react-router";
import { FormActions } from "~/components/form-actions";
import { useCloseOnSuccess } from "~/lib/close-on-success";
import { formatDate } from "~/lib/dates";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { StationPageData } from "./station-page-data";

/**
 * The duty posts the station offers and the claims on them: who holds each since when, the
 * claims waiting for a decision, and a deputy's own claim. A manager chooses the posts offered.
 */
export function StationPosts({ data }: { data: StationPageData }) {
  const { t, i18n } = useTranslation();
  const { posts, canDecide, canManage, station } = data;
  const [choosing, setChoosing] = useState(false);
  const date = (value: string | Date | null) => (value ? formatDate(value, i18n.language) : "");
  return (
    <Paper withBorder>
      <Group justify="space-between" p="md" pb={0}>
        <Title order={4}>{t("stations.posts")}</Title>
        {canManage && (
          <Button size="compact-sm" variant="light" onClick={() => setChoosing(true)}>
            {t("stations.choosePosts")}
          </Button>
        )}
      </Group>
      {posts.length === 0 && (
        <Text c="dimmed" size="sm" p="md">
          {t("stations.noPosts")}
        </Text>
      )}
      <Table.ScrollContainer minWidth={680}>
        <Table verticalSpacing="sm" data-testid="station-posts">
          <Table.Tbody>
            {posts.map((post) => (
              <Table.Tr key={post.id} data-testid={`post-${post.name}`}>
                <Table.Td w={150}>
                  <Anchor component={Link} to={`/county/stations/${station.id}/posts/${post.id}`} fw={600}>
                    {post.name}
                  </Anchor>
                  {post.archivedAt && (
                    <Badge color="gray" variant="light" size="xs" ml={4}>
                      {t("common.archived")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {post.holders.length === 0 && post.pending.length === 0 && (
                    <Text size="sm" c="dimmed">
                      {t("stations.vacant")}
                    </Text>
                  )}
                  {post.holders.map((holder) => (
                    <Group key={holder.id} gap="xs" wrap="nowrap">
                      <Text size="sm">
                        {holder.deputyName}（{t("stations.since")} {date(holder.since)}）：{holder.statement}
                      </Text>
                      {(holder.mine || canDecide) && (
                        <Form method="post">
                          <input type="hidden" name="claimId" value={holder.id} />
                          <Button
                            type="submit"
                            name="intent"
                            value="end"
                            size="compact-xs"
                            variant="subtle"
                            color="gray"
                          >
                            {holder.mine ? t("stations.stepDown") : t("stations.endClaim")}
                          </Button>
                        </Form>
                      )}
                    </Group>
                  ))}
                  {post.pending.map((claim) => (
                    <Group key={claim.id} gap="xs" mt={4}>
                      <Badge color="yellow" variant="light">
                        {t("stations.pending")}
                      </Badge>
                      <Text size="sm">
                        {claim.deputyName}：{claim.statement}
                      </Text>
                      {canDecide && (
                        <Form method="post">
                          <input type="hidden" name="claimId" value={claim.id} />
                          <Group gap={4}>
                            <Button type="submit" name="intent" value="approve" size="compact-sm">
                              {t("stations.approve")}
                            </Button>
                            <Button
                              type="submit"
                              name="intent"
                              value="decline"
                              size="compact-sm"
                              variant="subtle"
                              color="gray"
                            >
                              {t("stations.decline")}
                            </Button>
                          </Group>
                        </Form>
                      )}
                    </Group>
                  ))}
                </Table.Td>
                <Table.Td w={320}>
                  {post.iMayClaim && (
                    <Form method="post">
                      <input type="hidden" name="postId" value={post.id} />
                      <Group gap="xs" align="flex-end" wrap="nowrap">
                        <Textarea
                          name="statement"
                          aria-label={`${post.name} ${t("stations.statement")}`}
                          placeholder={post.description ?? t("stations.statement")}
                          autosize
                          minRows={1}
                          required
                          style={{ flex: 1 }}
                        />
                        <Button type="submit" name="intent" value="claim" size="compact-sm">
                          {t("stations.claim")}
                        </Button>
                      </Group>
                    </Form>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {choosing && <ChoosePostsModal data={data} onClose={() => setChoosing(false)} />}
    </Paper>
  );
}

/** Which of the county's duty posts the station offers. */
function ChoosePostsModal({ data, onClose }: { data: StationPageData; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher();
  const errors = useFormErrors(fetcher.data);
  useCloseOnSuccess(fetcher, onClose);
  const offered = new Set(data.posts.map((p) => p.id));
  return (
    <Modal opened onClose={onClose} title={t("stations.choosePosts")} centered>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="posts" />
        <Stack>
          <Checkbox.Group defaultValue={[...offered]} error={errors.field("postIds") ?? errors.form}>
            <SimpleGrid cols={2} spacing="xs">
              {data.catalog.map((post) => (
                <Checkbox key={post.id} name="postIds[]" value={post.id} label={post.name} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}
