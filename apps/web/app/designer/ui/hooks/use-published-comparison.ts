import { type TWorkflowDefinition, ZWorkflowDefinition } from "@rdlink/workflow";
import { useMemo, useState } from "react";
import { diffDefinitions } from "../../definition-diff";
import type { Position } from "../../document";
import type { DesignerData } from "../designer-data";

/** The latest published version and, while "compare" is on, how the draft differs from it. */
export function usePublishedComparison(published: DesignerData["published"], draft: TWorkflowDefinition | null) {
  const [compare, setCompare] = useState(false);
  const publishedDoc = useMemo(
    () =>
      published
        ? {
            definition: ZWorkflowDefinition.parse(published.definition),
            layout: published.layout as Record<string, Position>,
          }
        : null,
    [published],
  );
  const diff = useMemo(
    () => (compare && draft && publishedDoc ? diffDefinitions(publishedDoc.definition, draft) : null),
    [compare, draft, publishedDoc],
  );
  return { publishedDoc, compare, setCompare, diff };
}
