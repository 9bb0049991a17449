import { notifications } from "@mantine/notifications";
import { type RefObject, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useFetcher } from "react-router";
import type { ActionResult } from "../designer-data";

/** Publishes the saved draft of `revision` as a new version, and says how it went. */
export function usePublish(revision: RefObject<number>) {
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
      notifications.show({ color: "red", message: tr(result.formError ?? "errors.workflowInvalid") });
    }
  }, [publisher.state, publisher.data, tr]);
  return {
    publishing: publisher.state !== "idle",
    publish: () => void publisher.submit({ intent: "publish", revision: revision.current }, { method: "post" }),
  };
}
