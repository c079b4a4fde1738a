/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-csv.h"
#include "cd-row-model.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* Customers: records, validation, the list, contact masking, duplicates
 * and merging, history, and CSV import and export. Every write goes
 * through cd_store_insert()/cd_store_update(), so it is audited and
 * version-checked. Failures are CD_STORE_ERROR codes with messages in
 * words: INVALID for a wrong value, STALE when someone saved the record
 * first (pass expected_version 0 to overwrite), PERMISSION for a role
 * that may not do it. Writes need someone signed in.
 *
 * Phone numbers are stored in one comparable form (cd_customer_phone_key()),
 * so that a duplicate is found with an index lookup whatever the spacing
 * was. Numbers with the Chinese country code are stored in national
 * form — '+86 138 1234 5678' and '13812345678' are the same number,
 * '+86 10 6552 1234' is stored as '01065521234' — because that is how
 * the team and its customers write and dial them; other international
 * numbers keep their '+' and country code. */

/* Limits, in characters. Notes may be CD_VALIDATE_NOTES_MAX_LENGTH. */
#define CD_CUSTOMER_NAME_MAX_CHARS          200
#define CD_CUSTOMER_ORGANISATION_MAX_CHARS  200
#define CD_CUSTOMER_ADDRESS_MAX_CHARS       1000
#define CD_CUSTOMER_TAGS_MAX_CHARS          500

/* The fields a person edits (and an import can fill). */
typedef enum {
  CD_CUSTOMER_FIELD_IGNORE = -1,  /* an import column that is skipped */
  CD_CUSTOMER_FIELD_NAME = 0,
  CD_CUSTOMER_FIELD_ORGANISATION,
  CD_CUSTOMER_FIELD_PHONE,
  CD_CUSTOMER_FIELD_PHONE2,
  CD_CUSTOMER_FIELD_EMAIL,
  CD_CUSTOMER_FIELD_ADDRESS,
  CD_CUSTOMER_FIELD_PREFERRED_CHANNEL,
  CD_CUSTOMER_FIELD_TIER,
  CD_CUSTOMER_FIELD_TAGS,
  CD_CUSTOMER_FIELD_OWNER,
  CD_CUSTOMER_FIELD_NOTES,
  CD_CUSTOMER_N_FIELDS
} CdCustomerField;

/* Translated ("Phone"). */
const char *cd_customer_field_label     (CdCustomerField field);

/* Records -------------------------------------------------------------- */

/* One row of `customers`. Text fields are NULL when empty. owner_id is 0
 * without an owner; last_contact_at 0 when never contacted. The values
 * are plain: whoever loads a record to show it opens it, and may see it
 * all (lists mask; see cd_customer_display_phone()). */
typedef struct {
  gint64    id;
  char     *name;
  char     *organisation;
  char     *phone;
  char     *phone2;
  char     *email;
  char     *address;
  int       preferred_channel;   /* a CdChannel, or -1 when not set */
  CdTier    tier;
  char     *tags;
  gint64    owner_id;
  char     *notes;
  gboolean  archived;
  gint64    last_contact_at;
  gint64    created_at;
  gint64    updated_at;
  gint64    version;
  char     *owner_name;          /* the owner's display name, for showing */
} CdCustomer;

/* Empty, tier general, no preferred channel. */
CdCustomer *cd_customer_new   (void);
CdCustomer *cd_customer_copy  (const CdCustomer *customer);
void        cd_customer_free  (CdCustomer *customer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCustomer, cd_customer_free)

/* NULL with CD_STORE_ERROR_NOT_FOUND when there is no such customer. */
CdCustomer *cd_customer_load  (CdStore  *store,
                               gint64    id,
                               GError  **error);

/* Validation -------------------------------------------------------------
 * As the user types: one message per field, in words, for the form to
 * show under that field. */

/* The message for one field's text (NULL when it is fine). For tier and
 * preferred channel the text is a nick, an English or a Chinese word. */
char       *cd_customer_validate_field (CdCustomerField  field,
                                        const char      *value);
/* The first problem as CD_STORE_ERROR_INVALID. */
gboolean    cd_customer_check          (const CdCustomer *customer,
                                        GError          **error);

/* The stored, comparable form of a phone number (see above); "" for
 * empty text. */
char       *cd_customer_phone_key      (const char *text);
/* Tier from a nick, an English or a Chinese word ("core", "Core",
 * "核心"); -1 when unknown. Same for channels. */
int         cd_customer_parse_tier     (const char *text);
int         cd_customer_parse_channel  (const char *text);

/* Writes ---------------------------------------------------------------- */

/* Validates, stores phones in their comparable form, and returns the new
 * id (0 on failure). It does not refuse duplicates: ask
 * cd_customer_find_duplicates_of() first and offer to open or merge. */
gint64      cd_customer_create   (CdStore           *store,
                                  const CdCustomer  *customer,
                                  GError           **error);
/* Saves every editable field of @customer (customer->id) if the record is
 * still at @expected_version. Changing the account owner needs a team
 * lead or an administrator (CD_STORE_ERROR_PERMISSION otherwise, nothing
 * saved): others ask with cd_owner_request_create(). */
gboolean    cd_customer_update   (CdStore           *store,
                                  const CdCustomer  *customer,
                                  gint64             expected_version,
                                  GError           **error);
/* The version saved now, for a write that applies to whatever is saved
 * (archiving, say); 0 with CD_STORE_ERROR_NOT_FOUND when there is no
 * such customer. */
gint64      cd_customer_get_version (CdStore  *store,
                                     gint64    id,
                                     GError  **error);
/* Archiving hides a customer from the list (soft, undoable). */
gboolean    cd_customer_set_archived (CdStore   *store,
                                      gint64     id,
                                      gint64     expected_version,
                                      gboolean   archived,
                                      GError   **error);
gboolean    cd_customer_archive  (CdStore  *store,
                                  gint64    id,
                                  gint64    expected_version,
                                  GError  **error);
/* Leads and admins only. A customer with tickets or complaints cannot be
 * deleted (archive or merge it instead). */
gboolean    cd_customer_delete   (CdStore  *store,
                                  gint64    id,
                                  gint64    expected_version,
                                  GError  **error);

/* Account owner changes -------------------------------------------------
 * The owner sees the customer's phone and email unmasked in lists, so
 * only leads and admins change it. Anyone else asks: one open request per
 * person and customer (asking again replaces it); the asker may withdraw
 * it; a lead or an admin approves (the owner changes in the same
 * transaction, and others' open requests about the customer are
 * declined) or declines. All audited; changes come as
 * CD_CHANGE_OWNER_REQUESTS (and CD_CHANGE_CUSTOMERS on approval). */

typedef enum {
  CD_OWNER_REQUEST_OPEN,
  CD_OWNER_REQUEST_APPROVED,
  CD_OWNER_REQUEST_DECLINED,
  CD_OWNER_REQUEST_WITHDRAWN,
} CdOwnerRequestStatus;

typedef struct {
  gint64               id;
  gint64               customer_id;
  char                *customer_name;
  gint64               requested_by;
  char                *requester_name;
  gint64               owner_id;       /* the owner asked for; 0: no owner */
  char                *owner_name;     /* NULL for no owner */
  char                *reason;         /* NULL when none given */
  CdOwnerRequestStatus status;
  gint64               decided_by;     /* 0 until decided */
  char                *decider_name;
  gint64               decided_at;
  gint64               created_at;
  gint64               version;
} CdOwnerRequest;

void        cd_owner_request_free (CdOwnerRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdOwnerRequest, cd_owner_request_free)
const char *cd_owner_request_status_to_nick (CdOwnerRequestStatus status);

/* Whether the signed-in person changes owners themselves (lead, admin). */
gboolean    cd_customer_may_change_owner   (CdStore     *store);
/* Asks for @owner_id (0: no owner) to become the owner of @customer_id;
 * @reason may be NULL. Returns the request's id, 0 on failure
 * (INVALID: already the owner, an inactive person, a reason too long). */
gint64      cd_owner_request_create        (CdStore     *store,
                                            gint64       customer_id,
                                            gint64       owner_id,
                                            const char  *reason,
                                            GError     **error);
/* The asker only. STALE when it was decided or changed meanwhile. */
gboolean    cd_owner_request_withdraw      (CdStore     *store,
                                            gint64       id,
                                            gint64       expected_version,
                                            GError     **error);
/* Leads and admins only. STALE when it was decided, withdrawn or changed
 * meanwhile. */
gboolean    cd_owner_request_decide        (CdStore     *store,
                                            gint64       id,
                                            gint64       expected_version,
                                            gboolean     approve,
                                            GError     **error);
CdOwnerRequest *cd_owner_request_load      (CdStore     *store,
                                            gint64       id,
                                            GError     **error);
/* The open requests about @customer_id, oldest first (CdOwnerRequest). */
GPtrArray  *cd_owner_requests_for_customer (CdStore     *store,
                                            gint64       customer_id,
                                            GError     **error);
/* Every open request, oldest first. */
GPtrArray  *cd_owner_requests_open         (CdStore     *store,
                                            GError     **error);

/* Seeing contact details -------------------------------------------------
 * A rep sees a customer's phone and email in lists only for customers
 * they own; leads, trainers and admins, and the owner, see them plainly.
 * Opening the record (cd_customer_load()) shows them plainly to anyone. */

gboolean    cd_customer_contact_visible (CdStore *store,
                                         gint64   owner_id);
/* TRUE when showing @customer opened to the signed-in person shows
 * contact details their list masks: the opening is then recorded first
 * (cd_customer_record_opening()), and the details are shown only once it
 * is. */
gboolean    cd_customer_opening_needs_record (CdStore          *store,
                                              const CdCustomer *customer);
/* An audit row (action "open") saying that the signed-in person opened
 * customer @id. */
gboolean    cd_customer_record_opening  (CdStore *store,
                                         gint64   id,
                                         GError **error);

/* The list -------------------------------------------------------------- */

typedef enum {
  CD_ARCHIVED_HIDE,   /* current customers only (the default) */
  CD_ARCHIVED_ONLY,
  CD_ARCHIVED_SHOW,   /* both */
} CdArchivedFilter;

#define CD_CUSTOMER_OWNER_ANY   0
#define CD_CUSTOMER_OWNER_NONE  (-1)

/* What the list shows, and what an export of it writes. */
typedef struct {
  /* Type-to-filter: a prefix of the name, organisation or email (case
   * does not matter for Latin letters), or of the phone number when the
   * text is a number (spacing and +86 ignored). NULL or "" for all. */
  char             *text;
  int               tier;        /* a CdTier, or -1 for any */
  gint64            owner_id;    /* a staff id, _OWNER_ANY or _OWNER_NONE */
  CdArchivedFilter  archived;
  /* "name" (the default when NULL), "organisation", "tier", "owner",
   * "phone", "email" or "last_contact". Tier sorts by the stored word and
   * then name; owner groups by owner, then name. */
  char             *sort_column;
  gboolean          sort_descending;
} CdCustomerFilter;

void        cd_customer_filter_init  (CdCustomerFilter       *filter);
void        cd_customer_filter_clear (CdCustomerFilter       *filter);
void        cd_customer_filter_copy  (const CdCustomerFilter *src,
                                      CdCustomerFilter       *dest);

/* Columns of the rows of cd_customers_list_new(), in this order; the
 * names are the model's column names. */
typedef enum {
  CD_CUSTOMER_COL_NAME,          /* "name" */
  CD_CUSTOMER_COL_ORGANISATION,  /* "organisation" */
  CD_CUSTOMER_COL_TIER,          /* "tier": a nick */
  CD_CUSTOMER_COL_OWNER,         /* "owner": display name, NULL if none */
  CD_CUSTOMER_COL_PHONE,         /* "phone": unmasked; show through cd_customer_display_phone() */
  CD_CUSTOMER_COL_EMAIL,         /* "email": unmasked; likewise */
  CD_CUSTOMER_COL_LAST_CONTACT,  /* "last_contact": UTC seconds or NULL */
  CD_CUSTOMER_COL_OWNER_ID,      /* "owner_id" */
  CD_CUSTOMER_COL_ARCHIVED,      /* "archived": "0" or "1" */
  CD_CUSTOMER_N_COLS
} CdCustomerColumn;

/* A lazy list of customers (see CdRowModel) filtered and sorted by
 * @filter (NULL: current customers by name). Every sort column is served
 * by an index. */
CdRowModel *cd_customers_list_new        (CdStore                *store,
                                          const CdCustomerFilter *filter);
/* Applies @filter with one items-changed. */
void        cd_customers_list_set_filter (CdRowModel             *model,
                                          const CdCustomerFilter *filter);

/* The phone or email of a list row as the signed-in person may see it
 * there: masked ('138****5678', 'z*******@example.com') for a rep who
 * does not own the customer. Empty string when there is none. */
char       *cd_customer_display_phone    (CdStore *store,
                                          CdRow   *row);
char       *cd_customer_display_email    (CdStore *store,
                                          CdRow   *row);

/* Finding a customer ------------------------------------------------------
 * For a picker where someone types part of a name or a number. */

typedef struct {
  gint64  id;
  char   *name;
  char   *organisation;  /* NULL when none */
  /* As the signed-in person may see it in a list (masked for a rep who
   * does not own the customer); NULL when none. */
  char   *phone;
  gint64  owner_id;      /* 0 without an owner */
} CdCustomerMatch;

void        cd_customer_match_free       (CdCustomerMatch *match);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCustomerMatch, cd_customer_match_free)

/* Current customers for @text (trimmed), at most @limit, each once:
 * first those whose name starts with it (case does not matter for Latin
 * letters), by name; then, when it starts with a digit, those whose
 * stored phone starts with it, by phone; then, for two characters or
 * more, those whose name, organisation or either phone contains it.
 * The prefixes are read from the name and phone indexes; the
 * substring scan runs only when they leave room, and is bounded. A
 * GPtrArray of CdCustomerMatch, empty for empty text. */
GPtrArray  *cd_customers_match           (CdStore     *store,
                                          const char  *text,
                                          guint        limit,
                                          GError     **error);

/* Duplicates and merging ------------------------------------------------- */

/* Ids of current (not archived) customers other than @customer (by id)
 * whose phone or second phone is the same number as one of @customer's
 * (in any spelling), or whose email is @customer's ignoring case.
 * Ascending ids; every lookup uses an index. */
GArray     *cd_customer_find_duplicates_of (CdStore           *store,
                                            const CdCustomer  *customer,
                                            GError           **error);

/* Moves everything that refers to @merge_id (tickets, complaints, and any
 * other table with a foreign key to customers) to @keep_id, fills @keep's
 * empty fields from @merge (a differing phone goes to the second phone;
 * tags are joined; the later last contact wins) and archives @merge, in
 * one transaction with an audit row for every change (action 'merge' on
 * each moved row and on both customers). Anyone signed in may merge:
 * nothing is deleted. */
gboolean    cd_customers_merge           (CdStore  *store,
                                          gint64    keep_id,
                                          gint64    merge_id,
                                          GError  **error);

/* History ---------------------------------------------------------------- */

typedef enum {
  CD_HISTORY_TICKET_CREATED,
  CD_HISTORY_TICKET_RESOLVED,
  CD_HISTORY_COMPLAINT_RECEIVED,
  CD_HISTORY_COMPLAINT_CLOSED,
  CD_HISTORY_FOLLOWUP,        /* done (at done_at) or due (at due_at) */
  CD_HISTORY_SATISFACTION,    /* a score on a ticket or a follow-up */
} CdHistoryKind;

typedef struct {
  CdHistoryKind  kind;
  gint64         at;          /* UTC seconds */
  const char    *entity;      /* "tickets", "complaints" or "followups" (static) */
  gint64         id;          /* the id in that table */
  gint64         parent_id;   /* a follow-up's complaint; else 0 */
  char          *title;       /* ticket subject or complaint summary */
  char          *detail;      /* a status, outcome or resolution nick/text; may be NULL */
  int            score;       /* satisfaction 1..5, 0 when none */
} CdHistoryEvent;

void        cd_history_event_free (CdHistoryEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdHistoryEvent, cd_history_event_free)

/* Newest first (ties: later kind, then higher id first); at most @limit
 * events (0: all). A GPtrArray of CdHistoryEvent. */
GPtrArray  *cd_customer_history  (CdStore  *store,
                                  gint64    customer_id,
                                  guint     limit,
                                  GError  **error);

/* Whether @change (of tickets, complaints or follow-ups) may show in the
 * history of customer @customer_id: TRUE when one of the records that
 * changed is now the customer's (a follow-up through its complaint),
 * and whenever that is not quickly told (all of a kind changed, or more
 * than a few dozen records). A record that moved to another customer
 * is not the customer's any more: whoever shows the history also looks
 * for the changed ids among the records it shows. FALSE for other
 * kinds. */
gboolean    cd_customer_history_changed (CdStore         *store,
                                         gint64           customer_id,
                                         const CdChange  *change);

/* CSV import ---------------------------------------------------------------
 * 1. cd_customers_import_preview(): the header, the first rows, the
 *    separator, and a suggested mapping of columns to fields.
 * 2. cd_customers_import_async() with CD_CUSTOMERS_IMPORT_DRY_RUN: every
 *    line checked, nothing written; the report lists each rejected line.
 * 3. When the user confirms, the same without DRY_RUN: every line is
 *    read, checked and compared with the current customers first, with
 *    no lock on the file; then every valid line is written in one
 *    transaction, which alone holds the write lock. Cancelling (or any
 *    failure) rolls it back: nothing is written. A rejected line is
 *    never written in part. */

typedef struct {
  char          separator;
  gboolean      had_bom;
  guint         n_columns;
  char        **header;        /* n_columns, NULL-terminated */
  GPtrArray    *rows;          /* CdCsvRecord, at most the rows asked for */
  int          *mapping;       /* n_columns CdCustomerField, IGNORE for none */
} CdCustomersImportPreview;

void        cd_customers_import_preview_free (CdCustomersImportPreview *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCustomersImportPreview, cd_customers_import_preview_free)

CdCustomersImportPreview *cd_customers_import_preview (const char  *csv_path,
                                                       guint        max_rows,
                                                       GError     **error);
/* The field a header names, in English or Chinese ("E-mail", "邮箱");
 * CD_CUSTOMER_FIELD_IGNORE when it names none. */
CdCustomerField cd_customers_guess_field (const char *header);

typedef enum {
  CD_CUSTOMERS_IMPORT_DEFAULT          = 0,
  CD_CUSTOMERS_IMPORT_DRY_RUN          = 1 << 0, /* check only, write nothing */
  CD_CUSTOMERS_IMPORT_ALLOW_DUPLICATES = 1 << 1, /* import lines that match a customer */
  CD_CUSTOMERS_IMPORT_ALL_OR_NOTHING   = 1 << 2, /* write nothing if any line is rejected */
} CdCustomersImportFlags;

typedef struct {
  guint   line;
  char   *reason;     /* in words, without the line number */
} CdImportRejection;

typedef struct {
  guint   n_records;       /* data lines read (not the header) */
  guint   n_valid;
  guint   n_imported;      /* 0 for a dry run */
  GArray *rejections;      /* CdImportRejection, in line order */
} CdCustomersImportReport;

void        cd_customers_import_report_free (CdCustomersImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCustomersImportReport, cd_customers_import_report_free)
/* "line 17: the email “x@” is not valid." */
char       *cd_import_rejection_format (const CdImportRejection *rejection);

/* Progress 0..1. In the _async variants it is called on the thread-default
 * main context of the caller; in the blocking ones, on the calling thread. */
typedef void (*CdProgressFunc) (double   fraction,
                                gpointer user_data);

/* Blocking, on the thread that uses @store, as the person signed in to
 * it: reads @csv_path with @mapping (n_mapping columns, CdCustomerField
 * each), checks every line and, unless dry-running, writes the valid
 * ones in one transaction. A cancelled import fails with
 * G_IO_ERROR_CANCELLED and writes nothing. @report is set on success
 * (and for ALL_OR_NOTHING failures with rejected lines). */
gboolean    cd_customers_import  (CdStore                  *store,
                                  const char               *csv_path,
                                  const int                *mapping,
                                  guint                     n_mapping,
                                  CdCustomersImportFlags    flags,
                                  GCancellable             *cancellable,
                                  CdProgressFunc            progress,
                                  gpointer                  progress_data,
                                  CdCustomersImportReport **report,
                                  GError                  **error);
/* The same on the store's workers: checking on the read lane (others'
 * saves do not wait for it), writing on the write lane. Progress runs
 * on the caller's thread-default main context. */
void        cd_customers_import_async  (CdStore                *store,
                                        const char             *csv_path,
                                        const int              *mapping,
                                        guint                   n_mapping,
                                        CdCustomersImportFlags  flags,
                                        GCancellable           *cancellable,
                                        CdProgressFunc          progress,
                                        gpointer                progress_data,
                                        GDestroyNotify          progress_destroy,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data);
CdCustomersImportReport *cd_customers_import_finish (CdStore       *store,
                                                     GAsyncResult  *result,
                                                     GError       **error);

/* CSV export ---------------------------------------------------------------
 * The customers @filter selects, in its order, to @csv_path (replaced
 * only once complete): UTF-8 without a byte-order mark, comma-separated,
 * CRLF, one header line of field names that an import maps back. Phones
 * and emails a rep would see masked in the list are masked in the file
 * too. Every export is recorded in the audit log (entity 'customers',
 * action 'export', new_value "<count> → <path>"); an export that cannot
 * be recorded is not written. */
/* Blocking, on the thread that uses @store, as the person signed in to
 * it; @n_exported gets the number of customers written. */
gboolean    cd_customers_export  (CdStore                 *store,
                                  const CdCustomerFilter  *filter,
                                  const char              *csv_path,
                                  GCancellable            *cancellable,
                                  guint                   *n_exported,
                                  GError                 **error);
/* The same on the store's read lane. */
void        cd_customers_export_async  (CdStore                *store,
                                        const CdCustomerFilter *filter,
                                        const char             *csv_path,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data);
/* Returns the number of customers written, or -1 with @error. */
gint64      cd_customers_export_finish (CdStore       *store,
                                        GAsyncResult  *result,
                                        GError       **error);

G_END_DECLS
