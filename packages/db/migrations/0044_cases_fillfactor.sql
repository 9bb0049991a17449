-- Room on each page of cases for the row's next version (issue 21, decision 0040): a step that keeps
-- the case's indexed columns (a warning, an urge, a note, a rating that stays) is then a HOT update,
-- which writes none of the table's thirteen indexes.
ALTER TABLE "cases" SET (fillfactor = 70);
