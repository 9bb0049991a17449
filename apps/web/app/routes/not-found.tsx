import { notFound } from "~/lib/auth.server";

/** Unknown addresses get the same 404 page as forbidden ones. */
export function loader() {
  throw notFound();
}

export function action() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
