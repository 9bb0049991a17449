import { openApiDocument } from "~/lib/openapi";

/** `GET /api/openapi.json`: the API's description, public (it holds no data). */
export function loader() {
  return Response.json(openApiDocument, { headers: { "Cache-Control": "public, max-age=300" } });
}
