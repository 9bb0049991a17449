import { z } from "zod";

/** Paging parameters of a list page: bad values fall back to the first page of 50. */
export const ZPaging = {
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50).catch(50),
};
