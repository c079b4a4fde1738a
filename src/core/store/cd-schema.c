/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-schema"

#include "cd-schema.h"
#include "cd-search-schema-private.h"

/* All timestamps are INTEGER seconds since the epoch, UTC. Calendar days
 * that are not instants (holidays) are 'YYYY-MM-DD' text. Enumerations are
 * stored as their nicks (see cd-types.c). Every editable record has
 * created_at, updated_at and version; version starts at 1 and is bumped by
 * every update (optimistic concurrency). Append migrations; never edit one
 * that has shipped. */

static const char migration_1[] =
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT,"
  "  created_at INTEGER NOT NULL DEFAULT 0,"
  "  updated_at INTEGER NOT NULL DEFAULT 0,"
  "  version INTEGER NOT NULL DEFAULT 1"
  ");"

  "CREATE TABLE staff ("
  "  id INTEGER PRIMARY KEY,"
  "  login TEXT NOT NULL UNIQUE,"
  "  display_name TEXT NOT NULL,"
  "  role TEXT NOT NULL DEFAULT 'rep' CHECK (role IN ('rep','lead','trainer','admin')),"
  "  email TEXT,"
  "  team TEXT,"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1"
  ");"

  "CREATE TABLE customers ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  organisation TEXT,"
  "  phone TEXT,"
  "  phone2 TEXT,"
  "  email TEXT,"
  "  address TEXT,"
  "  preferred_channel TEXT CHECK (preferred_channel IN ('phone','email','chat','in_person','other')),"
  "  tier TEXT NOT NULL DEFAULT 'general' CHECK (tier IN ('strategic','core','potential','general')),"
  "  tags TEXT,"
  "  owner_id INTEGER REFERENCES staff(id),"
  "  notes TEXT,"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),"
  "  last_contact_at INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX customers_name ON customers(name COLLATE NOCASE);"
  "CREATE INDEX customers_organisation ON customers(organisation COLLATE NOCASE);"
  "CREATE INDEX customers_tier ON customers(tier, name COLLATE NOCASE);"
  "CREATE INDEX customers_owner ON customers(owner_id, name COLLATE NOCASE);"
  "CREATE INDEX customers_last_contact ON customers(last_contact_at);"
  "CREATE INDEX customers_phone ON customers(phone);"
  "CREATE INDEX customers_email ON customers(email COLLATE NOCASE);"
  "CREATE INDEX customers_phone2 ON customers(phone2) WHERE phone2 IS NOT NULL;"
  /* The list hides archived customers by default; these answer its sorts
   * and deep scrolls without reading archived rows. */
  "CREATE INDEX customers_active_name ON customers(name COLLATE NOCASE) WHERE archived = 0;"
  "CREATE INDEX customers_active_organisation ON customers(organisation COLLATE NOCASE) WHERE archived = 0;"
  "CREATE INDEX customers_active_tier ON customers(tier, name COLLATE NOCASE) WHERE archived = 0;"
  "CREATE INDEX customers_active_owner ON customers(owner_id, name COLLATE NOCASE) WHERE archived = 0;"
  "CREATE INDEX customers_active_last_contact ON customers(last_contact_at) WHERE archived = 0;"
  "CREATE INDEX customers_active_phone ON customers(phone) WHERE archived = 0;"
  "CREATE INDEX customers_active_email ON customers(email COLLATE NOCASE) WHERE archived = 0;"

  "CREATE TABLE business_calendars ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  timezone TEXT NOT NULL DEFAULT 'UTC',"
  /* One 'HH:MM-HH:MM' range per weekday Monday..Sunday, ';'-separated, empty
   * for a closed day: '09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;;' */
  "  week_schedule TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1"
  ");"

  "CREATE TABLE holidays ("
  "  id INTEGER PRIMARY KEY,"
  "  calendar_id INTEGER NOT NULL REFERENCES business_calendars(id) ON DELETE CASCADE,"
  "  day TEXT NOT NULL,"
  "  name TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1,"
  "  UNIQUE (calendar_id, day)"
  ");"

  "CREATE TABLE sla_policies ("
  "  id INTEGER PRIMARY KEY,"
  "  priority TEXT NOT NULL CHECK (priority IN ('low','normal','high','urgent')),"
  "  tier TEXT CHECK (tier IN ('strategic','core','potential','general')),"
  "  first_response_minutes INTEGER NOT NULL CHECK (first_response_minutes > 0),"
  "  resolution_minutes INTEGER NOT NULL CHECK (resolution_minutes > 0),"
  "  calendar_id INTEGER REFERENCES business_calendars(id),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE UNIQUE INDEX sla_policies_key ON sla_policies(priority, ifnull(tier, ''));"

  "CREATE TABLE ticket_categories ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  min_coverage INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1"
  ");"

  "CREATE TABLE tickets ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers(id),"
  "  subject TEXT NOT NULL CHECK (length(trim(subject)) > 0),"
  "  description TEXT,"
  "  channel TEXT NOT NULL DEFAULT 'phone' CHECK (channel IN ('phone','email','chat','in_person','other')),"
  "  category_id INTEGER REFERENCES ticket_categories(id),"
  "  priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low','normal','high','urgent')),"
  "  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new','open','pending','resolved','closed')),"
  "  assignee_id INTEGER REFERENCES staff(id),"
  "  created_by INTEGER REFERENCES staff(id),"
  "  first_response_at INTEGER,"
  "  resolved_at INTEGER,"
  "  closed_at INTEGER,"
  "  pending_since INTEGER,"
  "  paused_seconds INTEGER NOT NULL DEFAULT 0,"
  "  reopen_count INTEGER NOT NULL DEFAULT 0,"
  "  interaction_count INTEGER NOT NULL DEFAULT 0,"
  "  first_response_due INTEGER,"
  "  resolution_due INTEGER,"
  "  satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),"
  "  satisfaction_comment TEXT,"
  "  escalated_to TEXT,"
  "  escalation_reason TEXT,"
  "  escalation_due INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX tickets_created ON tickets(created_at);"
  "CREATE INDEX tickets_updated ON tickets(updated_at);"
  "CREATE INDEX tickets_status ON tickets(status, updated_at);"
  "CREATE INDEX tickets_assignee ON tickets(assignee_id, status, updated_at);"
  "CREATE INDEX tickets_customer ON tickets(customer_id, created_at);"
  "CREATE INDEX tickets_priority ON tickets(priority, updated_at);"
  "CREATE INDEX tickets_category ON tickets(category_id, updated_at);"
  "CREATE INDEX tickets_subject ON tickets(subject COLLATE NOCASE);"
  /* Covers the SLA queues (at risk, breached) without touching the table. */
  "CREATE INDEX tickets_resolution_due ON tickets(resolution_due, status, pending_since, priority, customer_id) WHERE status IN ('new','open','pending');"

  "CREATE TABLE ticket_events ("
  "  id INTEGER PRIMARY KEY,"
  "  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('note_internal','note_public','call','status','assignment','escalation','priority','satisfaction')),"
  "  author_id INTEGER REFERENCES staff(id),"
  "  body TEXT,"
  "  old_value TEXT,"
  "  new_value TEXT,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, created_at);"

  /* A half-written note belongs to one person; nothing else touches it. */
  "CREATE TABLE drafts ("
  "  entity TEXT NOT NULL,"
  "  entity_id INTEGER NOT NULL,"
  "  staff_id INTEGER NOT NULL REFERENCES staff(id),"
  "  body TEXT NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  PRIMARY KEY (entity, entity_id, staff_id)"
  ");"

  /* Who has a record open for editing; rows older than a few heartbeats
   * are ignored, so a crashed instance does not claim it forever. */
  "CREATE TABLE presence ("
  "  entity TEXT NOT NULL,"
  "  entity_id INTEGER NOT NULL,"
  "  staff_id INTEGER NOT NULL REFERENCES staff(id),"
  "  instance TEXT NOT NULL,"
  "  heartbeat_at INTEGER NOT NULL,"
  "  PRIMARY KEY (entity, entity_id, staff_id, instance)"
  ");"

  "CREATE TABLE complaints ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers(id),"
  "  ticket_id INTEGER REFERENCES tickets(id),"
  "  summary TEXT NOT NULL CHECK (length(trim(summary)) > 0),"
  "  details TEXT,"
  "  severity TEXT NOT NULL DEFAULT 'minor' CHECK (severity IN ('minor','major','critical')),"
  "  category TEXT,"
  "  owner_id INTEGER REFERENCES staff(id),"
  "  status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received','acknowledged','investigating','resolved','following_up','closed')),"
  "  resolution TEXT,"
  "  compensation TEXT,"
  "  closed_at INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX complaints_customer ON complaints(customer_id, created_at);"
  "CREATE INDEX complaints_status ON complaints(status, updated_at);"
  "CREATE INDEX complaints_owner ON complaints(owner_id, status);"
  "CREATE INDEX complaints_ticket ON complaints(ticket_id);"

  "CREATE TABLE followups ("
  "  id INTEGER PRIMARY KEY,"
  "  complaint_id INTEGER NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,"
  "  due_at INTEGER NOT NULL,"
  "  assignee_id INTEGER NOT NULL REFERENCES staff(id),"
  "  method TEXT NOT NULL DEFAULT 'phone' CHECK (method IN ('phone','email','visit','message')),"
  "  status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','done','missed','cancelled')),"
  "  outcome TEXT CHECK (outcome IN ('satisfied','neutral','unsatisfied','unreachable')),"
  "  satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),"
  "  notes TEXT,"
  "  done_at INTEGER,"
  "  created_by INTEGER REFERENCES staff(id),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX followups_due ON followups(status, due_at, assignee_id);"
  "CREATE INDEX followups_assignee ON followups(assignee_id, status, due_at);"
  "CREATE INDEX followups_complaint ON followups(complaint_id, due_at);"

  "CREATE TABLE courses ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  kind TEXT NOT NULL CHECK (kind IN ('product','service','industry','policy')),"
  "  delivery TEXT NOT NULL DEFAULT 'internal' CHECK (delivery IN ('internal','external','online')),"
  "  hours REAL NOT NULL DEFAULT 0 CHECK (hours >= 0),"
  "  description TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1"
  ");"

  "CREATE TABLE training_plan_items ("
  "  id INTEGER PRIMARY KEY,"
  "  year INTEGER NOT NULL,"
  "  staff_id INTEGER NOT NULL REFERENCES staff(id),"
  "  course_id INTEGER NOT NULL REFERENCES courses(id),"
  "  due_at INTEGER NOT NULL,"
  "  completed_at INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1,"
  "  UNIQUE (year, staff_id, course_id)"
  ");"

  "CREATE TABLE training_sessions ("
  "  id INTEGER PRIMARY KEY,"
  "  course_id INTEGER NOT NULL REFERENCES courses(id),"
  "  starts_at INTEGER NOT NULL,"
  "  ends_at INTEGER NOT NULL,"
  "  trainer_id INTEGER REFERENCES staff(id),"
  "  place TEXT,"
  "  capacity INTEGER CHECK (capacity IS NULL OR capacity > 0),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1,"
  "  CHECK (ends_at >= starts_at)"
  ");"
  "CREATE INDEX training_sessions_start ON training_sessions(starts_at);"

  "CREATE TABLE enrolments ("
  "  id INTEGER PRIMARY KEY,"
  "  session_id INTEGER NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,"
  "  staff_id INTEGER NOT NULL REFERENCES staff(id),"
  "  attendance TEXT CHECK (attendance IN ('attended','absent','excused')),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1,"
  "  UNIQUE (session_id, staff_id)"
  ");"

  "CREATE TABLE certifications ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  level TEXT,"
  "  validity_months INTEGER NOT NULL DEFAULT 12 CHECK (validity_months > 0),"
  "  description TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1"
  ");"

  "CREATE TABLE certification_courses ("
  "  certification_id INTEGER NOT NULL REFERENCES certifications(id) ON DELETE CASCADE,"
  "  course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,"
  "  PRIMARY KEY (certification_id, course_id)"
  ");"

  /* A category requires a certification when it has a row here; the same
   * rows say which categories a certification qualifies a rep for. */
  "CREATE TABLE certification_categories ("
  "  certification_id INTEGER NOT NULL REFERENCES certifications(id) ON DELETE CASCADE,"
  "  category_id INTEGER NOT NULL REFERENCES ticket_categories(id) ON DELETE CASCADE,"
  "  PRIMARY KEY (certification_id, category_id)"
  ");"

  "CREATE TABLE assessments ("
  "  id INTEGER PRIMARY KEY,"
  "  staff_id INTEGER NOT NULL REFERENCES staff(id),"
  "  course_id INTEGER REFERENCES courses(id),"
  "  certification_id INTEGER REFERENCES certifications(id),"
  "  kind TEXT NOT NULL CHECK (kind IN ('exam','practical','customer')),"
  "  score REAL NOT NULL,"
  "  pass_mark REAL NOT NULL,"
  "  assessor_id INTEGER REFERENCES staff(id),"
  "  assessed_at INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX assessments_staff ON assessments(staff_id, assessed_at);"

  "CREATE TABLE staff_certifications ("
  "  id INTEGER PRIMARY KEY,"
  "  staff_id INTEGER NOT NULL REFERENCES staff(id),"
  "  certification_id INTEGER NOT NULL REFERENCES certifications(id),"
  "  issued_at INTEGER NOT NULL,"
  "  expires_at INTEGER NOT NULL,"
  "  revoked_at INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1,"
  "  CHECK (expires_at > issued_at)"
  ");"
  "CREATE INDEX staff_certifications_staff ON staff_certifications(staff_id, certification_id, expires_at);"
  "CREATE INDEX staff_certifications_expiry ON staff_certifications(expires_at);"

  "CREATE TABLE kb_articles ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  body TEXT NOT NULL DEFAULT '',"
  "  tags TEXT,"
  "  author_id INTEGER REFERENCES staff(id),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1"
  ");"

  "CREATE TABLE canned_replies ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  body TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1"
  ");"

  /* One row per reminder that went out: (kind, entity, threshold,
   * recipient) is unique, so every Caredesk on the file agrees it was sent
   * and a second instance or a restart never repeats it. threshold tells
   * repeated reminders apart (0 = first, n = n-th re-reminder). */
  "CREATE TABLE reminders ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  entity_id INTEGER NOT NULL,"
  "  threshold INTEGER NOT NULL DEFAULT 0,"
  "  recipient_id INTEGER NOT NULL REFERENCES staff(id),"
  "  sent_at INTEGER NOT NULL,"
  "  UNIQUE (kind, entity_id, threshold, recipient_id)"
  ");"

  "CREATE TABLE snoozes ("
  "  kind TEXT NOT NULL,"
  "  entity_id INTEGER NOT NULL,"
  "  staff_id INTEGER NOT NULL REFERENCES staff(id),"
  "  until_at INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (kind, entity_id, staff_id)"
  ");"

  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  staff_id INTEGER,"
  "  entity TEXT NOT NULL,"
  "  entity_id INTEGER,"
  "  action TEXT NOT NULL,"
  "  field TEXT,"
  "  old_value TEXT,"
  "  new_value TEXT"
  ");"
  "CREATE INDEX audit_log_entity ON audit_log(entity, entity_id, at);"
  ;

/* Sorting a million tickets on a column without an index takes SQLite
 * most of a second; these let the Tickets list read more sorts from an
 * index. Priority sorts by urgency, which its nicks do not: the list's
 * ORDER BY repeats this CASE expression exactly, so SQLite matches it to
 * the index. Resolution due was indexed for open tickets only; this adds
 * the finished ones. It is partial on purpose: a full index on
 * resolution_due would tempt SQLite to answer the "breached" range
 * (resolution_due before now, open tickets) from it, reading every
 * closed ticket of the past instead of the few open ones. */
static const char migration_2[] =
  "CREATE INDEX tickets_priority_rank ON tickets ("
  "(CASE priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END), updated_at);"
  "CREATE INDEX tickets_due_done ON tickets(resolution_due) WHERE status IN ('resolved','closed');"
  /* Counting a customer owner's rows (archived ones hidden) from the
   * index alone: SQLite does not take the partial customers_active_owner
   * as covering for that count, and reads every matching row. */
  "CREATE INDEX customers_owner_archived ON customers(owner_id, archived, name COLLATE NOCASE);"
  /* "Does this complaint wait for a follow-up?" from the index alone, for
   * the open complaints without one (Everyone: 39 -> 9 ms). */
  "CREATE INDEX followups_complaint_status ON followups(complaint_id, status);"
  /* The open tickets by resolution due, now with updated_at: the "SLA
   * breached" queue (newest first) is then sorted from the index alone
   * instead of reading each breached ticket (cold: 347 -> 5 ms). */
  "DROP INDEX tickets_resolution_due;"
  "CREATE INDEX tickets_resolution_due ON tickets(resolution_due, status, pending_since, priority, customer_id, updated_at)"
  " WHERE status IN ('new','open','pending');"
  /* The customer's and the assignee's names, kept on each ticket by
   * triggers, so that the list sorts by name from an index (sorting a
   * million tickets by a joined name costs SQLite most of a second). */
  "ALTER TABLE tickets ADD COLUMN customer_name TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE tickets ADD COLUMN assignee_name TEXT NOT NULL DEFAULT '';"
  CD_SCHEMA_FILL_TICKET_NAMES
  "CREATE TRIGGER tickets_names_after_insert AFTER INSERT ON tickets BEGIN"
  "  UPDATE tickets SET"
  "    customer_name = ifnull ((SELECT c.name FROM customers c WHERE c.id = new.customer_id), ''),"
  "    assignee_name = ifnull ((SELECT s.display_name FROM staff s WHERE s.id = new.assignee_id), '')"
  "  WHERE id = new.id;"
  " END;"
  "CREATE TRIGGER tickets_names_after_update AFTER UPDATE OF customer_id, assignee_id ON tickets BEGIN"
  "  UPDATE tickets SET"
  "    customer_name = ifnull ((SELECT c.name FROM customers c WHERE c.id = new.customer_id), ''),"
  "    assignee_name = ifnull ((SELECT s.display_name FROM staff s WHERE s.id = new.assignee_id), '')"
  "  WHERE id = new.id;"
  " END;"
  "CREATE TRIGGER customers_name_to_tickets AFTER UPDATE OF name ON customers"
  " WHEN new.name IS NOT old.name BEGIN"
  "  UPDATE tickets SET customer_name = new.name WHERE customer_id = new.id;"
  " END;"
  "CREATE TRIGGER staff_name_to_tickets AFTER UPDATE OF display_name ON staff"
  " WHEN new.display_name IS NOT old.display_name BEGIN"
  "  UPDATE tickets SET assignee_name = ifnull (new.display_name, '') WHERE assignee_id = new.id;"
  " END;"
  /* A customer or staff row written after tickets that name it (a bulk
   * load with foreign keys off) names them too. */
  "CREATE TRIGGER customers_insert_to_tickets AFTER INSERT ON customers BEGIN"
  "  UPDATE tickets SET customer_name = new.name WHERE customer_id = new.id;"
  " END;"
  "CREATE TRIGGER staff_insert_to_tickets AFTER INSERT ON staff BEGIN"
  "  UPDATE tickets SET assignee_name = ifnull (new.display_name, '') WHERE assignee_id = new.id;"
  " END;"
  "CREATE INDEX tickets_customer_name ON tickets(customer_name COLLATE NOCASE);"
  "CREATE INDEX tickets_assignee_name ON tickets(assignee_name COLLATE NOCASE);"
  ;

/* Tamper evidence for the audit log: each row's hash covers the row
 * before it (cd-audit.h). Existing rows get theirs right after this, in
 * the same transaction. */
static const char migration_3[] =
  "ALTER TABLE audit_log ADD COLUMN hash TEXT;";

/* A rep does not change a customer's account owner (the owner sees the
 * customer's phone and email unmasked): they ask, and a team lead or an
 * administrator decides. One open request per person and customer. */
static const char migration_4[] =
  "CREATE TABLE customer_owner_requests ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,"
  "  requested_by INTEGER NOT NULL REFERENCES staff(id),"
  "  owner_id INTEGER REFERENCES staff(id),"
  "  reason TEXT,"
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','approved','declined','withdrawn')),"
  "  decided_by INTEGER REFERENCES staff(id),"
  "  decided_at INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE UNIQUE INDEX customer_owner_requests_open ON customer_owner_requests(customer_id, requested_by)"
  " WHERE status = 'open';";

/* A ticket category that is no longer offered for new tickets keeps its
 * row (tickets still name it); this says since when it is retired. A
 * table of its own rather than a column: the migration then does what it
 * should however far back a file was taken. */
static const char migration_5[] =
  "CREATE TABLE IF NOT EXISTS ticket_categories_retired ("
  "  category_id INTEGER PRIMARY KEY REFERENCES ticket_categories(id) ON DELETE CASCADE,"
  "  retired_at INTEGER NOT NULL"
  ");";

/* The knowledge base and canned replies grow what a team needs of them
 * (a category, archiving, whose reply it is, links to tickets and
 * complaints with a count kept on each article for "most linked
 * first"), and every record's text gets a search index kept by triggers
 * (see cd-search-schema-private.h). Records already in the file are
 * indexed afterwards, in the background: creating the tables and the
 * triggers takes no time on a big file. */
static const char migration_6[] =
  "ALTER TABLE kb_articles ADD COLUMN category TEXT;"
  "ALTER TABLE kb_articles ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1));"
  "ALTER TABLE kb_articles ADD COLUMN link_count INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX kb_articles_title ON kb_articles(archived, title COLLATE NOCASE);"
  "CREATE INDEX kb_articles_linked ON kb_articles(archived, link_count, title COLLATE NOCASE);"
  "CREATE INDEX kb_articles_updated ON kb_articles(archived, updated_at);"
  /* NULL: the team's; otherwise one person's own. */
  "ALTER TABLE canned_replies ADD COLUMN owner_id INTEGER REFERENCES staff(id);"
  "CREATE INDEX canned_replies_owner ON canned_replies(owner_id, title COLLATE NOCASE);"
  "CREATE TABLE kb_article_links ("
  "  id INTEGER PRIMARY KEY,"
  "  article_id INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,"
  "  entity TEXT NOT NULL CHECK (entity IN ('ticket','complaint')),"
  "  entity_id INTEGER NOT NULL,"
  "  linked_by INTEGER REFERENCES staff(id),"
  "  created_at INTEGER NOT NULL,"
  "  UNIQUE (entity, entity_id, article_id)"
  ");"
  "CREATE INDEX kb_article_links_article ON kb_article_links(article_id);"
  "CREATE TRIGGER kb_article_links_count_insert AFTER INSERT ON kb_article_links BEGIN"
  "  UPDATE kb_articles SET link_count = link_count + 1 WHERE id = new.article_id;"
  " END;"
  "CREATE TRIGGER kb_article_links_count_delete AFTER DELETE ON kb_article_links BEGIN"
  "  UPDATE kb_articles SET link_count = link_count - 1 WHERE id = old.article_id;"
  " END;"
  CD_SEARCH_SQL_SCHEMA
  ;

/* Training and certification: what the trainers' workplace records
 * beyond schema 1. Courses and certifications can be archived (kept for
 * the records that name them, offered no more); a certification says
 * which roles must hold it (a CdRole bit mask, for compliance) and which
 * passed assessments it requires; an issued certification keeps who
 * issued it, an administrator's reason for issuing it without its
 * requirements, and who revoked it and why; an enrolment beyond a
 * session's capacity waits. The indexes answer a person's record, the
 * plan of a year, a session's roster, the holders of a certification
 * and the categories it covers. Every table here is small (a team's
 * training), so this costs next to nothing on a big file. */
static const char migration_7[] =
  "ALTER TABLE courses ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1));"
  "ALTER TABLE certifications ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1));"
  "ALTER TABLE certifications ADD COLUMN required_roles INTEGER NOT NULL DEFAULT 0 CHECK (required_roles BETWEEN 0 AND 15);"
  "CREATE TABLE IF NOT EXISTS certification_assessments ("
  "  certification_id INTEGER NOT NULL REFERENCES certifications(id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('exam','practical','customer')),"
  "  PRIMARY KEY (certification_id, kind)"
  ");"
  "ALTER TABLE staff_certifications ADD COLUMN issued_by INTEGER REFERENCES staff(id);"
  "ALTER TABLE staff_certifications ADD COLUMN override_reason TEXT;"
  "ALTER TABLE staff_certifications ADD COLUMN revoked_by INTEGER REFERENCES staff(id);"
  "ALTER TABLE staff_certifications ADD COLUMN revoke_reason TEXT;"
  "ALTER TABLE enrolments ADD COLUMN waiting INTEGER NOT NULL DEFAULT 0 CHECK (waiting IN (0,1));"
  "CREATE INDEX IF NOT EXISTS enrolments_staff ON enrolments(staff_id, attendance, session_id);"
  "CREATE INDEX IF NOT EXISTS training_plan_items_staff ON training_plan_items(staff_id, year, due_at);"
  "CREATE INDEX IF NOT EXISTS training_plan_items_year ON training_plan_items(year, due_at);"
  "CREATE INDEX IF NOT EXISTS training_sessions_course ON training_sessions(course_id, starts_at);"
  "CREATE INDEX IF NOT EXISTS staff_certifications_certification ON staff_certifications(certification_id, expires_at);"
  "CREATE INDEX IF NOT EXISTS certification_categories_category ON certification_categories(category_id, certification_id);"
  "CREATE INDEX IF NOT EXISTS assessments_date ON assessments(assessed_at);"
  ;

/* A complaint's share of its hour and owner, counted by its customer's
 * tier (@row is new or old, @sign 1 or -1). */
#define COMPLAINT_CONFLICT \
  "  ON CONFLICT (hour, staff_id) DO UPDATE SET" \
  "   complaints_strategic = complaints_strategic + excluded.complaints_strategic," \
  "   complaints_core = complaints_core + excluded.complaints_core," \
  "   complaints_potential = complaints_potential + excluded.complaints_potential," \
  "   complaints_general = complaints_general + excluded.complaints_general;"
#define COMPLAINT_SHARE(row, sign) \
  "  INSERT INTO overview_hours (hour, staff_id, complaints_strategic, complaints_core, complaints_potential," \
  "   complaints_general)" \
  "  SELECT " row ".created_at / 3600, ifnull (" row ".owner_id, 0), " sign " * (t = 'strategic')," \
  "   " sign " * (t = 'core'), " sign " * (t = 'potential'), " sign " * (t NOT IN ('strategic','core','potential'))" \
  "  FROM (SELECT ifnull ((SELECT tier FROM customers WHERE id = " row ".customer_id), 'general') AS t) WHERE 1" \
  COMPLAINT_CONFLICT

/* The Overview and the deadline warnings.
 * - A period's figures come from summary rows (below); the hours around
 *   a boundary that is not on the hour, and summaries counted with
 *   another calendar, are read from the tickets resolved and received in
 *   them (tickets_created and this tickets_resolved).
 * - Warnings about unanswered tickets and about promised escalation
 *   replies walk the few open ones by their deadline.
 * - Complaints received in a period, by owner and customer.
 * IF NOT EXISTS: a file another build already gave these keeps them. */
static const char migration_8[] =
  "CREATE INDEX IF NOT EXISTS tickets_resolved ON tickets(resolved_at) WHERE resolved_at IS NOT NULL;"
  "CREATE INDEX IF NOT EXISTS tickets_first_response_open ON tickets(first_response_due)"
  " WHERE first_response_at IS NULL AND status IN ('new','open','pending');"
  "CREATE INDEX IF NOT EXISTS tickets_escalation_open ON tickets(escalation_due)"
  " WHERE escalation_due IS NOT NULL AND status IN ('new','open','pending');"
  "CREATE INDEX IF NOT EXISTS complaints_received_period ON complaints(created_at, owner_id, customer_id);"
  /* What a period's figures add up, per UTC hour and person (see
   * cd-overview-summary.c): the tickets' share is kept by the store with
   * each write of a ticket (it needs the business calendar), the shares
   * of follow-ups and of complaints (by their customer's tier, which a
   * customer's change of tier or a merge moves) by these triggers. The
   * rows are filled right after this, in the same transaction. */
  "CREATE TABLE IF NOT EXISTS overview_hours ("
  "  hour INTEGER NOT NULL,"
  "  staff_id INTEGER NOT NULL,"
  "  received INTEGER NOT NULL DEFAULT 0,"
  "  received_resolved INTEGER NOT NULL DEFAULT 0,"
  "  handled INTEGER NOT NULL DEFAULT 0,"
  "  answered INTEGER NOT NULL DEFAULT 0,"
  "  first_response_seconds INTEGER NOT NULL DEFAULT 0,"
  "  resolution_seconds INTEGER NOT NULL DEFAULT 0,"
  "  first_contact INTEGER NOT NULL DEFAULT 0,"
  "  breached INTEGER NOT NULL DEFAULT 0,"
  "  satisfaction_answers INTEGER NOT NULL DEFAULT 0,"
  "  satisfaction_sum INTEGER NOT NULL DEFAULT 0,"
  "  followups_due INTEGER NOT NULL DEFAULT 0,"
  "  followups_on_time INTEGER NOT NULL DEFAULT 0,"
  "  complaints_strategic INTEGER NOT NULL DEFAULT 0,"
  "  complaints_core INTEGER NOT NULL DEFAULT 0,"
  "  complaints_potential INTEGER NOT NULL DEFAULT 0,"
  "  complaints_general INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (hour, staff_id)"
  ");"
  "CREATE TABLE IF NOT EXISTS overview_state ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT"
  ");"
  "CREATE TRIGGER IF NOT EXISTS overview_followup_insert AFTER INSERT ON followups"
  " WHEN new.status <> 'cancelled' BEGIN"
  "  INSERT INTO overview_hours (hour, staff_id, followups_due, followups_on_time)"
  "  SELECT new.due_at / 3600, new.assignee_id, 1, ifnull (new.status = 'done' AND new.done_at <= new.due_at, 0)"
  "  WHERE 1"
  "  ON CONFLICT (hour, staff_id) DO UPDATE SET followups_due = followups_due + excluded.followups_due,"
  "   followups_on_time = followups_on_time + excluded.followups_on_time;"
  " END;"
  "CREATE TRIGGER IF NOT EXISTS overview_followup_delete AFTER DELETE ON followups"
  " WHEN old.status <> 'cancelled' BEGIN"
  "  INSERT INTO overview_hours (hour, staff_id, followups_due, followups_on_time)"
  "  SELECT old.due_at / 3600, old.assignee_id, -1, -ifnull (old.status = 'done' AND old.done_at <= old.due_at, 0)"
  "  WHERE 1"
  "  ON CONFLICT (hour, staff_id) DO UPDATE SET followups_due = followups_due + excluded.followups_due,"
  "   followups_on_time = followups_on_time + excluded.followups_on_time;"
  " END;"
  "CREATE TRIGGER IF NOT EXISTS overview_followup_update AFTER UPDATE OF due_at, assignee_id, status, done_at"
  " ON followups BEGIN"
  "  INSERT INTO overview_hours (hour, staff_id, followups_due, followups_on_time)"
  "  SELECT old.due_at / 3600, old.assignee_id, -1, -ifnull (old.status = 'done' AND old.done_at <= old.due_at, 0)"
  "  WHERE old.status <> 'cancelled'"
  "  ON CONFLICT (hour, staff_id) DO UPDATE SET followups_due = followups_due + excluded.followups_due,"
  "   followups_on_time = followups_on_time + excluded.followups_on_time;"
  "  INSERT INTO overview_hours (hour, staff_id, followups_due, followups_on_time)"
  "  SELECT new.due_at / 3600, new.assignee_id, 1, ifnull (new.status = 'done' AND new.done_at <= new.due_at, 0)"
  "  WHERE new.status <> 'cancelled'"
  "  ON CONFLICT (hour, staff_id) DO UPDATE SET followups_due = followups_due + excluded.followups_due,"
  "   followups_on_time = followups_on_time + excluded.followups_on_time;"
  " END;"
  "CREATE TRIGGER IF NOT EXISTS overview_complaint_insert AFTER INSERT ON complaints BEGIN"
  COMPLAINT_SHARE ("new", "1")
  " END;"
  "CREATE TRIGGER IF NOT EXISTS overview_complaint_delete AFTER DELETE ON complaints BEGIN"
  COMPLAINT_SHARE ("old", "-1")
  " END;"
  "CREATE TRIGGER IF NOT EXISTS overview_complaint_update AFTER UPDATE OF customer_id, owner_id, created_at"
  " ON complaints BEGIN"
  COMPLAINT_SHARE ("old", "-1")
  COMPLAINT_SHARE ("new", "1")
  " END;"
  "CREATE TRIGGER IF NOT EXISTS overview_customer_tier AFTER UPDATE OF tier ON customers"
  " WHEN old.tier IS NOT new.tier BEGIN"
  "  INSERT INTO overview_hours (hour, staff_id, complaints_strategic, complaints_core, complaints_potential,"
  "   complaints_general)"
  "  SELECT c.created_at / 3600, ifnull (c.owner_id, 0),"
  "   sum ((new.tier = 'strategic') - (old.tier = 'strategic')), sum ((new.tier = 'core') - (old.tier = 'core')),"
  "   sum ((new.tier = 'potential') - (old.tier = 'potential')),"
  "   sum ((new.tier NOT IN ('strategic','core','potential')) - (old.tier NOT IN ('strategic','core','potential')))"
  "  FROM complaints c WHERE c.customer_id = new.id GROUP BY 1, 2"
  COMPLAINT_CONFLICT
  " END;"
  ;

/* The SLA reminders: an assignee's open tickets near a first-response
 * or resolution deadline, from the index alone (without it, every open
 * ticket of the person is read from the table at each look: 55-110 ms on
 * a file of a million tickets, against under 1 ms). Partial, so it holds
 * the open tickets only. */
static const char migration_9[] =
  "CREATE INDEX IF NOT EXISTS tickets_assignee_deadlines"
  " ON tickets(assignee_id, resolution_due, first_response_due, first_response_at)"
  " WHERE status IN ('new','open','pending');"
  ;

/* The Overview reads a lead's two months of summary rows (some 30 000 on
 * a file of a million tickets) in hour order: in a covering index they
 * lie side by side, where the table's rows are spread over the file in
 * the order they were first written. */
static const char migration_10[] =
  "CREATE INDEX IF NOT EXISTS overview_hours_counts ON overview_hours (hour, staff_id, received,"
  " received_resolved, handled, answered, first_response_seconds, resolution_seconds, first_contact, breached,"
  " satisfaction_answers, satisfaction_sum, followups_due, followups_on_time, complaints_strategic,"
  " complaints_core, complaints_potential, complaints_general);"
  ;

/* The training matrix reads each person's certification records in the
 * order of certification, issue and id, with their expiry and
 * revocation: from staff_certifications_held alone, one range per
 * person, the 300 people by 60 certifications of a big team are some
 * 6 500 entries side by side, where staff_certifications_staff has
 * neither that order nor those columns (a sort and a table read per
 * record). The certifications page counts each certification's valid
 * holders: staff_certifications_holders is the index it used, with what
 * it then read from the table. */
static const char migration_11[] =
  "CREATE INDEX IF NOT EXISTS staff_certifications_held"
  " ON staff_certifications(staff_id, certification_id, issued_at, id, expires_at, revoked_at);"
  "CREATE INDEX IF NOT EXISTS staff_certifications_holders"
  " ON staff_certifications(certification_id, expires_at, staff_id, issued_at, revoked_at);"
  "DROP INDEX IF EXISTS staff_certifications_certification;"
  ;

static const char *const migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
  migration_9,
  migration_10,
  migration_11,
};

guint
cd_schema_get_n_migrations (void)
{
  return G_N_ELEMENTS (migrations);
}

const char *
cd_schema_get_migration (guint to_version)
{
  g_return_val_if_fail (to_version >= 1 && to_version <= G_N_ELEMENTS (migrations), NULL);
  return migrations[to_version - 1];
}
