import { notifications } from "@mantine/notifications";
import { type RefObject, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useFetcher } from "react-router";
import { problemText } from "../../issues";
import type { ActionResult } from "../designer-data";

/** The refusal names this many problems at most; the problems tab lists them all. */
const SHOWN_PROBLEMS = 5;

/**
 * Publishes the saved draft of `revision` as a new version, and says how it went: a refusal
 * names each problem by the labels of `definition` (the draft on screen), never by its path.
 */
export function usePublish(revision: RefObject<number>, definition: unknown) {
  const shownDefinition = useRef(definition);
  shownDefinition.current = definition;
  const { t } = useTranslation();
  const tr = t as (key: string, values?: Record<string, unknown>) => string;
  const publisher = useFetcher<ActionResult>();
  useEffect(() => {
    const result = publisher.data;
    if (publisher.state !== "idle" || !result) return;
    if (result.ok) {
      notifications.show({
        color: "green",
        message: result.created
          ? tr("designer.publish.published", { version: result.version })
          : tr("designer.publish.unchanged", { version: result.version }),
      });
    } else {
      const problems = Object.entries(result.fieldErrors ?? {}).map(([path, key]) =>
        problemText(tr, shownDefinition.current, path, key),
      );
      const refusal = tr(result.formError ?? "errors.workflowInvalid");
      notifications.show({
        color: "red",
        title: problems.length > 0 ? refusal : undefined,
        message:
          problems.length > 0 ? (
            <span data-testid="publish-refusal">
              {problems.slice(0, SHOWN_PROBLEMS).map((problem) => (
                <span key={problem} style={{ display: "block" }}>
                  {problem}
                </span>
              ))}
            </span>
          ) : (
            refusal
          ),
      });
    }
  }, [publisher.state, publisher.data, tr]);
  return {
    publishing: publisher.state !== "idle",
    publish: () => void publisher.submit({ intent: "publish", revision: revision.current }, { method: "post" }),
  };
}
