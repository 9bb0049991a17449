import { useSearchParams } from "react-router";

/**
 * Filters of a server-side list that live in the query string. Pickers (Mantine Select)
 * change no native input, so a form's onChange never sees them: they call `setFilter`,
 * which also goes back to the first page.
 */
export function useListFilters() {
  const [params, setParams] = useSearchParams();
  const setFilter = (name: string) => (value: string | null) =>
    setParams((current) => {
      if (value) current.set(name, value);
      else current.delete(name);
      current.delete("page");
      return current;
    });
  return { params, setFilter };
}
