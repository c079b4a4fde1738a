/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the customer files share and nothing else: the fields a write
 * sets, the comparable phone form, and the list's columns and filter,
 * which an export writes as the list shows them. */

#include "cd-customers.h"
#include "cd-row-model-private.h"
#include "cd-store-private.h"

G_BEGIN_DECLS

#define ALL_ROLES (CD_ROLE_BIT (CD_ROLE_REP) | CD_ROLE_BIT (CD_ROLE_LEAD) | \
                   CD_ROLE_BIT (CD_ROLE_TRAINER) | CD_ROLE_BIT (CD_ROLE_ADMIN))

/* TRUE for NULL, "" and text of spaces only. */
gboolean    cd_customers_is_blank          (const char *text);

/* The comparable form of a phone number (cd_customer_phone_key()); with
 * @prefix, of the start of a number being typed, so that a Chinese
 * mobile is recognised by its first digits rather than its length. */
char       *cd_customer_phone_key_full     (const char *text,
                                            gboolean    prefix);
/* The stored form of @text, or NULL when it holds no number. */
char       *cd_customer_optional_phone     (const char *text);

/* The columns and values a write of a customer sets. */
#define CD_CUSTOMER_MAX_FIELDS 16

typedef struct {
  CdField    fields[CD_CUSTOMER_MAX_FIELDS];
  guint      n;
  GPtrArray *strings;
} CdCustomerFields;

void        cd_customer_fields_init        (CdCustomerFields *list);
void        cd_customer_fields_clear       (CdCustomerFields *list);
/* Takes @value. */
void        cd_customer_fields_add         (CdCustomerFields *list,
                                            const char       *column,
                                            char             *value);
/* Every editable field of @customer, as stored. */
void        cd_customer_fields_build       (const CdCustomer *customer,
                                            CdCustomerFields *list);

/* The list's columns (CdCustomerColumn), then those only an export
 * writes. */
enum {
  EXPORT_COL_PHONE2 = CD_CUSTOMER_N_COLS,
  EXPORT_COL_ADDRESS,
  EXPORT_COL_CHANNEL,
  EXPORT_COL_TAGS,
  EXPORT_COL_NOTES,
  EXPORT_COL_CREATED,
  EXPORT_N_COLS
};

extern const CdRowColumn cd_customer_columns[EXPORT_N_COLS];

/* The WHERE clause of @filter and its parameters (a tuple). */
char       *cd_customer_filter_where       (const CdCustomerFilter  *filter,
                                            GVariant               **params_out);
/* The sort column @filter asks for, "name" when none or an unknown one. */
const char *cd_customer_filter_sort_column (const CdCustomerFilter  *filter);

/* In the caller's transaction: FALSE with CD_STORE_ERROR_PERMISSION
 * when giving customer @id the owner @owner_id (0: none) changes its
 * owner and the signed-in person may not (cd_customer_may_change_owner). */
gboolean    cd_customer_check_owner_change (CdStore     *store,
                                            gint64       id,
                                            gint64       owner_id,
                                            GError     **error);

/* FALSE with CD_STORE_ERROR_PERMISSION when nobody is signed in. */
gboolean    cd_customers_check_signed_in   (CdStore     *store,
                                            GError     **error);

G_END_DECLS
