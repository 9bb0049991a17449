import { lazy, Suspense, useEffect, useState } from "react";
import { DocumentTitle } from "~/components/document-title";
import type { DesignerData } from "./designer-data";
import { DesignerSkeleton } from "./designer-skeleton";

// React Flow measures and draws in the browser only: the server sends a skeleton. The
// designer's code starts loading with the page's module, not after hydration.
const designerCode = typeof document === "undefined" ? null : import("./designer.client");
const Designer = lazy(() => designerCode ?? import("./designer.client"));

/** A page that is the designer: a county's workflow, or a template set's. */
export function DesignerPage({ data, title }: { data: DesignerData; title: string }) {
  const [inBrowser, setInBrowser] = useState(false);
  useEffect(() => setInBrowser(true), []);
  const skeleton = <DesignerSkeleton name={data.workflow.name["zh-CN"] ?? ""} />;
  return (
    <>
      <DocumentTitle title={title} />
      {inBrowser ? (
        <Suspense fallback={skeleton}>
          <Designer {...data} />
        </Suspense>
      ) : (
        skeleton
      )}
    </>
  );
}
