/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The search index as SQL: what the schema's migration creates, and what
 * the index builder (cd-search-index.c) and the tokens of
 * cd-search-tokens.c must agree with to the byte. A migration never
 * changes once shipped, so neither do these: a new way of indexing is a
 * new migration with macros of its own.
 *
 * One contentless FTS5 table per kind of record (search_customers,
 * search_tickets, …), its rowid the record's id, with the same six
 * columns everywhere:
 *
 *   title   the record's name or title, as words
 *   body    its other text, as words
 *   tgrams  the title's CJK (and other unspaced scripts') bigrams
 *   bgrams  the body's bigrams
 *   tchars  the title's single CJK characters
 *   digits  every suffix of three digits or more of its phone numbers
 *
 * Words go through FTS5's unicode61 tokenizer, which folds case and
 * accents (García = garcia). Unspaced scripts are not words to it (the
 * tokenizer's categories leave out Lo): their text is indexed as
 * overlapping bigrams, each written as the hex of its UTF-8 bytes so
 * that the same tokenizer keeps it whole. A two-character query is one
 * bigram, a longer one a phrase of them, a single character one of the
 * title's characters: FTS5's trigram tokenizer would need three
 * characters. Only SQLite's own functions are used, so that the sqlite3
 * program (and any other SQLite) writes and reads the index the same way.
 *
 * The index is written by triggers, in the transaction of the change
 * itself, from the row's own columns only: another trigger that writes
 * the same row (tickets' customer_name, say) can then fire before or
 * after these without harm. A file upgraded with records in it keeps a
 * backlog (search_backlog: the ids after done and up to last are not
 * indexed yet) that the index builder works off in short transactions;
 * the triggers leave those ids to it. */

/* The highest byte position of a text that gets grams (search_pos). */
#define CD_SEARCH_MAX_GRAM_BYTES 32768

/* A byte of the blob x at position P starts a character written as grams:
 * Hebrew and Arabic, the scripts of India and South-East Asia, Georgian
 * to Mongolian, CJK radicals, kana to the CJK ideographs (not CJK
 * punctuation), Hangul syllables, CJK compatibility ideographs, and CJK
 * extensions B and later. */
#define CD_SEARCH_SQL_GRAM_AT(P) \
  "(substr(x," P ",2) BETWEEN x'E381' AND x'E9BF' OR substr(x," P ",2) BETWEEN x'EAB0' AND x'ED9E'" \
  " OR substr(x," P ",2) BETWEEN x'EFA4' AND x'EFAB' OR substr(x," P ",2) BETWEEN x'F0A0' AND x'F0B3'" \
  " OR substr(x," P ",2) BETWEEN x'E2BA' AND x'E2BF' OR substr(x," P ",2) BETWEEN x'E180' AND x'E1B3'" \
  " OR substr(x," P ",2) BETWEEN x'E0A4' AND x'E0BF' OR substr(x," P ",2) BETWEEN x'D690' AND x'DBBF')"
/* The length in bytes of the character starting at P (one of the above). */
#define CD_SEARCH_SQL_LEN_AT(P) \
  "(CASE WHEN substr(x," P ",1) < x'E0' THEN 2 WHEN substr(x," P ",1) < x'F0' THEN 3 ELSE 4 END)"
/* The positions of such characters in the text T, with their lengths.
 * Only the start of a long text gets grams, and only that start is
 * copied: every substr() of the text copies the value it reads from, so
 * a 300 KB note would otherwise be copied once per position. */
#define CD_SEARCH_SQL_GRAM_LEADS(T) \
  "SELECT n, x, " CD_SEARCH_SQL_LEN_AT ("n") " AS l1" \
  " FROM (SELECT substr(CAST(" T " AS BLOB), 1, " G_STRINGIFY (CD_SEARCH_MAX_GRAM_BYTES) " + 8) AS x)" \
  " CROSS JOIN search_pos" \
  " WHERE n <= length(x) AND substr(x,n,1) >= x'D6' AND " CD_SEARCH_SQL_GRAM_AT ("n")
/* T's bigrams in order, space-separated; 'x' for the last character of a
 * run, which keeps the runs apart in phrases; NULL when there are none. */
#define CD_SEARCH_SQL_GRAMS(T) \
  "(SELECT group_concat(CASE WHEN " CD_SEARCH_SQL_GRAM_AT ("n+l1") \
  " THEN hex(substr(x,n,l1+" CD_SEARCH_SQL_LEN_AT ("n+l1") ")) ELSE 'x' END, ' ')" \
  " FROM (" CD_SEARCH_SQL_GRAM_LEADS (T) "))"
/* T's single characters of those scripts. */
#define CD_SEARCH_SQL_CHARS(T) \
  "(SELECT group_concat(hex(substr(x,n,l1)), ' ') FROM (" CD_SEARCH_SQL_GRAM_LEADS (T) "))"
/* The suffixes of at least three characters of the phone number T
 * without its separators: a prefix query on them finds any part. */
#define CD_SEARCH_SQL_DIGITS(T) \
  "(SELECT group_concat(substr(d,n), ' ')" \
  " FROM (SELECT replace(replace(replace(replace(replace(replace(" T ",' ',''),'-',''),'+',''),'(',''),')',''),'.','') AS d)" \
  " CROSS JOIN search_pos WHERE n <= length(d) - 2)"

/* What each kind indexes, from the row R ("new", "old", "r"). */
#define CD_SEARCH_CUSTOMERS_TITLE(R)   R ".name"
#define CD_SEARCH_CUSTOMERS_BODY(R) \
  "ifnull(" R ".organisation, '') || ' ' || ifnull(" R ".email, '') || ' ' || ifnull(" R ".address, '')" \
  " || ' ' || ifnull(" R ".tags, '') || ' ' || ifnull(" R ".notes, '')"
#define CD_SEARCH_CUSTOMERS_DIGITS(R) \
  "ifnull(" CD_SEARCH_SQL_DIGITS (R ".phone") ", '') || ' ' || ifnull(" CD_SEARCH_SQL_DIGITS (R ".phone2") ", '')"
#define CD_SEARCH_CUSTOMERS_WATCHED   "name, organisation, email, address, tags, notes, phone, phone2"
#define CD_SEARCH_CUSTOMERS_CHANGED \
  "old.name IS NOT new.name OR old.organisation IS NOT new.organisation OR old.email IS NOT new.email" \
  " OR old.address IS NOT new.address OR old.tags IS NOT new.tags OR old.notes IS NOT new.notes" \
  " OR old.phone IS NOT new.phone OR old.phone2 IS NOT new.phone2"

#define CD_SEARCH_TICKETS_TITLE(R)     R ".subject"
#define CD_SEARCH_TICKETS_BODY(R)      R ".description"
#define CD_SEARCH_TICKETS_WATCHED      "subject, description"
#define CD_SEARCH_TICKETS_CHANGED      "old.subject IS NOT new.subject OR old.description IS NOT new.description"

#define CD_SEARCH_COMPLAINTS_TITLE(R)  R ".summary"
#define CD_SEARCH_COMPLAINTS_BODY(R) \
  "ifnull(" R ".details, '') || ' ' || ifnull(" R ".resolution, '') || ' ' || ifnull(" R ".compensation, '')" \
  " || ' ' || ifnull(" R ".category, '')"
#define CD_SEARCH_COMPLAINTS_WATCHED   "summary, details, resolution, compensation, category"
#define CD_SEARCH_COMPLAINTS_CHANGED \
  "old.summary IS NOT new.summary OR old.details IS NOT new.details OR old.resolution IS NOT new.resolution" \
  " OR old.compensation IS NOT new.compensation OR old.category IS NOT new.category"

/* A ticket's timeline entries with text: notes, calls, escalation reasons,
 * satisfaction comments. */
#define CD_SEARCH_NOTES_BODY(R)        R ".body"
#define CD_SEARCH_NOTES_COND(R)        R ".body <> ''"

#define CD_SEARCH_FOLLOWUPS_BODY(R)    R ".notes"
#define CD_SEARCH_FOLLOWUPS_COND(R)    R ".notes <> ''"

#define CD_SEARCH_ARTICLES_TITLE(R)    R ".title"
#define CD_SEARCH_ARTICLES_BODY(R) \
  "ifnull(" R ".tags, '') || ' ' || ifnull(" R ".category, '') || ' ' || " R ".body"
#define CD_SEARCH_ARTICLES_WATCHED     "title, tags, category, body"
#define CD_SEARCH_ARTICLES_CHANGED \
  "old.title IS NOT new.title OR old.tags IS NOT new.tags OR old.category IS NOT new.category" \
  " OR old.body IS NOT new.body"

/* The six columns' values of a kind with a title, and of one without. */
#define CD_SEARCH_SQL_VALUES(TITLE, BODY, DIGITS) \
  TITLE ", " BODY ", " CD_SEARCH_SQL_GRAMS (TITLE) ", " CD_SEARCH_SQL_GRAMS (BODY) ", " \
  CD_SEARCH_SQL_CHARS (TITLE) ", " DIGITS
#define CD_SEARCH_SQL_VALUES_UNTITLED(BODY) \
  "NULL, " BODY ", NULL, " CD_SEARCH_SQL_GRAMS (BODY) ", NULL, NULL"

#define CD_SEARCH_SQL_COLUMNS "title, body, tgrams, bgrams, tchars, digits"

#define CD_SEARCH_SQL_TABLE(KIND) \
  "CREATE VIRTUAL TABLE search_" KIND " USING fts5(" CD_SEARCH_SQL_COLUMNS ", content='', columnsize=0," \
  " tokenize=\"unicode61 remove_diacritics 2 categories 'Lu Ll Lt Lm Nd Nl No Co'\");"

#define CD_SEARCH_SQL_INDEXED(KIND, R) \
  "NOT EXISTS (SELECT 1 FROM search_backlog WHERE kind = '" KIND "' AND " R ".id > done AND " R ".id <= last)"

/* The three triggers of a kind. VALUES (R) gives the columns' values,
 * COND (R) whether row R is indexed at all. */
#define CD_SEARCH_SQL_TRIGGERS(KIND, TABLE, WATCHED, CHANGED, COND, VALUES) \
  "CREATE TRIGGER search_" KIND "_insert AFTER INSERT ON " TABLE \
  " WHEN " CD_SEARCH_SQL_INDEXED (KIND, "new") " AND " COND ("new") " BEGIN" \
  " INSERT INTO search_" KIND " (rowid, " CD_SEARCH_SQL_COLUMNS ") SELECT new.id, " VALUES ("new") ";" \
  " END;" \
  "CREATE TRIGGER search_" KIND "_delete AFTER DELETE ON " TABLE \
  " WHEN " CD_SEARCH_SQL_INDEXED (KIND, "old") " AND " COND ("old") " BEGIN" \
  " INSERT INTO search_" KIND " (search_" KIND ", rowid, " CD_SEARCH_SQL_COLUMNS ")" \
  " SELECT 'delete', old.id, " VALUES ("old") ";" \
  " END;" \
  "CREATE TRIGGER search_" KIND "_update AFTER UPDATE OF " WATCHED " ON " TABLE \
  " WHEN (" CHANGED ") AND " CD_SEARCH_SQL_INDEXED (KIND, "new") " BEGIN" \
  " INSERT INTO search_" KIND " (search_" KIND ", rowid, " CD_SEARCH_SQL_COLUMNS ")" \
  " SELECT 'delete', old.id, " VALUES ("old") " WHERE " COND ("old") ";" \
  " INSERT INTO search_" KIND " (rowid, " CD_SEARCH_SQL_COLUMNS ") SELECT new.id, " VALUES ("new") \
  " WHERE " COND ("new") ";" \
  " END;"

#define CD_SEARCH_SQL_ALWAYS(R) "1"

#define CD_SEARCH_SQL_CUSTOMERS_VALUES(R) \
  CD_SEARCH_SQL_VALUES (CD_SEARCH_CUSTOMERS_TITLE (R), CD_SEARCH_CUSTOMERS_BODY (R), CD_SEARCH_CUSTOMERS_DIGITS (R))
#define CD_SEARCH_SQL_TICKETS_VALUES(R) \
  CD_SEARCH_SQL_VALUES (CD_SEARCH_TICKETS_TITLE (R), CD_SEARCH_TICKETS_BODY (R), "NULL")
#define CD_SEARCH_SQL_COMPLAINTS_VALUES(R) \
  CD_SEARCH_SQL_VALUES (CD_SEARCH_COMPLAINTS_TITLE (R), CD_SEARCH_COMPLAINTS_BODY (R), "NULL")
#define CD_SEARCH_SQL_NOTES_VALUES(R)     CD_SEARCH_SQL_VALUES_UNTITLED (CD_SEARCH_NOTES_BODY (R))
#define CD_SEARCH_SQL_FOLLOWUPS_VALUES(R) CD_SEARCH_SQL_VALUES_UNTITLED (CD_SEARCH_FOLLOWUPS_BODY (R))
#define CD_SEARCH_SQL_ARTICLES_VALUES(R) \
  CD_SEARCH_SQL_VALUES (CD_SEARCH_ARTICLES_TITLE (R), CD_SEARCH_ARTICLES_BODY (R), "NULL")

/* Records written before the index existed wait for the builder. */
#define CD_SEARCH_SQL_BACKLOG(KIND, TABLE) \
  "INSERT INTO search_backlog (kind, done, last) SELECT '" KIND "', 0, max(id) FROM " TABLE " HAVING max(id) IS NOT NULL;"

#define CD_SEARCH_SQL_SCHEMA \
  "CREATE TABLE search_pos (n INTEGER PRIMARY KEY);" \
  "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 32768)" \
  " INSERT INTO search_pos (n) SELECT n FROM c;" \
  "CREATE TABLE search_backlog (" \
  "  kind TEXT PRIMARY KEY," \
  "  done INTEGER NOT NULL," \
  "  last INTEGER NOT NULL" \
  ");" \
  CD_SEARCH_SQL_TABLE ("customers") \
  CD_SEARCH_SQL_TABLE ("tickets") \
  CD_SEARCH_SQL_TABLE ("complaints") \
  CD_SEARCH_SQL_TABLE ("notes") \
  CD_SEARCH_SQL_TABLE ("followups") \
  CD_SEARCH_SQL_TABLE ("articles") \
  CD_SEARCH_SQL_BACKLOG ("customers", "customers") \
  CD_SEARCH_SQL_BACKLOG ("tickets", "tickets") \
  CD_SEARCH_SQL_BACKLOG ("complaints", "complaints") \
  CD_SEARCH_SQL_BACKLOG ("notes", "ticket_events") \
  CD_SEARCH_SQL_BACKLOG ("followups", "followups") \
  CD_SEARCH_SQL_BACKLOG ("articles", "kb_articles") \
  CD_SEARCH_SQL_TRIGGERS ("customers", "customers", CD_SEARCH_CUSTOMERS_WATCHED, CD_SEARCH_CUSTOMERS_CHANGED, \
                          CD_SEARCH_SQL_ALWAYS, CD_SEARCH_SQL_CUSTOMERS_VALUES) \
  CD_SEARCH_SQL_TRIGGERS ("tickets", "tickets", CD_SEARCH_TICKETS_WATCHED, CD_SEARCH_TICKETS_CHANGED, \
                          CD_SEARCH_SQL_ALWAYS, CD_SEARCH_SQL_TICKETS_VALUES) \
  CD_SEARCH_SQL_TRIGGERS ("complaints", "complaints", CD_SEARCH_COMPLAINTS_WATCHED, CD_SEARCH_COMPLAINTS_CHANGED, \
                          CD_SEARCH_SQL_ALWAYS, CD_SEARCH_SQL_COMPLAINTS_VALUES) \
  CD_SEARCH_SQL_TRIGGERS ("notes", "ticket_events", "body", "old.body IS NOT new.body", \
                          CD_SEARCH_NOTES_COND, CD_SEARCH_SQL_NOTES_VALUES) \
  CD_SEARCH_SQL_TRIGGERS ("followups", "followups", "notes", "old.notes IS NOT new.notes", \
                          CD_SEARCH_FOLLOWUPS_COND, CD_SEARCH_SQL_FOLLOWUPS_VALUES) \
  CD_SEARCH_SQL_TRIGGERS ("articles", "kb_articles", CD_SEARCH_ARTICLES_WATCHED, CD_SEARCH_ARTICLES_CHANGED, \
                          CD_SEARCH_SQL_ALWAYS, CD_SEARCH_SQL_ARTICLES_VALUES)
