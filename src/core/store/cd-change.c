/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-store"

#include "config.h"

#include <stdlib.h>

#include "cd-store-private.h"

/* CdChange ------------------------------------------------------------- */

struct _CdChange
{
  gatomicrefcount  ref;
  const char      *kind;   /* interned */
  CdChangeOrigin   origin;
  gboolean         all;
  GArray          *ids;    /* gint64, ascending, unique; empty when all */
};

G_DEFINE_BOXED_TYPE (CdChange, cd_change, cd_change_ref, cd_change_unref)

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
sort_unique (GArray *ids)
{
  guint out = 0;

  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    if (out == 0 || g_array_index (ids, gint64, i) != g_array_index (ids, gint64, out - 1))
      g_array_index (ids, gint64, out++) = g_array_index (ids, gint64, i);
  g_array_set_size (ids, out);
}

CdChange *
cd_change_new (const char     *kind,
               CdChangeOrigin  origin,
               const gint64   *ids,
               guint           n_ids)
{
  CdChange *self;

  g_return_val_if_fail (kind != NULL, NULL);

  self = g_new0 (CdChange, 1);
  g_atomic_ref_count_init (&self->ref);
  self->kind = g_intern_string (kind);
  self->origin = origin;
  self->all = ids == NULL;
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (ids != NULL)
    {
      g_array_append_vals (self->ids, ids, n_ids);
      sort_unique (self->ids);
    }
  return self;
}

CdChange *
cd_change_ref (CdChange *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
cd_change_unref (CdChange *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_array_unref (self->ids);
  g_free (self);
}

const char *
cd_change_get_kind (const CdChange *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->kind;
}

CdChangeOrigin
cd_change_get_origin (const CdChange *self)
{
  g_return_val_if_fail (self != NULL, CD_CHANGE_EXTERNAL);
  return self->origin;
}

gboolean
cd_change_is_all (const CdChange *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->all;
}

guint
cd_change_get_n_ids (const CdChange *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->ids->len;
}

gint64
cd_change_get_id (const CdChange *self,
                  guint           index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->ids->len, 0);
  return g_array_index (self->ids, gint64, index);
}

gboolean
cd_change_has_id (const CdChange *self,
                  gint64          id)
{
  g_return_val_if_fail (self != NULL, TRUE);

  if (self->all)
    return TRUE;
  return bsearch (&id, self->ids->data, self->ids->len, sizeof (gint64), compare_ids) != NULL;
}

gboolean
cd_change_has_any (const CdChange *self,
                   const gint64   *ids,
                   guint           n_ids)
{
  g_return_val_if_fail (self != NULL, TRUE);

  if (self->all)
    return TRUE;
  for (guint i = 0; i < n_ids; i++)
    if (cd_change_has_id (self, ids[i]))
      return TRUE;
  return FALSE;
}

/* CdChangeSet ---------------------------------------------------------- */

typedef struct {
  gboolean  all;
  GArray   *ids;
} Entry;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_array_unref (entry->ids);
  g_free (entry);
}

struct _CdChangeSet
{
  GHashTable *entries;  /* interned kind → Entry */
};

CdChangeSet *
cd_change_set_new (void)
{
  CdChangeSet *set = g_new0 (CdChangeSet, 1);

  set->entries = g_hash_table_new_full (NULL, NULL, NULL, entry_free);
  return set;
}

void
cd_change_set_free (CdChangeSet *set)
{
  if (set == NULL)
    return;
  g_hash_table_unref (set->entries);
  g_free (set);
}

static Entry *
lookup_entry (CdChangeSet *set,
              const char  *kind)
{
  const char *interned = g_intern_string (kind);
  Entry *entry = g_hash_table_lookup (set->entries, interned);

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (set->entries, (gpointer) interned, entry);
    }
  return entry;
}

void
cd_change_set_add (CdChangeSet *set,
                   const char  *kind,
                   gint64       id)
{
  Entry *entry;

  g_return_if_fail (set != NULL && kind != NULL);

  entry = lookup_entry (set, kind);
  if (id <= 0)
    {
      entry->all = TRUE;
      g_array_set_size (entry->ids, 0);
    }
  else if (!entry->all)
    g_array_append_val (entry->ids, id);
}

void
cd_change_set_merge (CdChangeSet *set,
                     CdChangeSet *from)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (set != NULL && from != NULL);

  g_hash_table_iter_init (&iter, from->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Entry *theirs = value;
      Entry *ours = lookup_entry (set, key);

      if (theirs->all)
        {
          ours->all = TRUE;
          g_array_set_size (ours->ids, 0);
        }
      else if (!ours->all)
        g_array_append_vals (ours->ids, theirs->ids->data, theirs->ids->len);
    }
}

gboolean
cd_change_set_is_empty (CdChangeSet *set)
{
  return set == NULL || g_hash_table_size (set->entries) == 0;
}

void
cd_change_set_clear (CdChangeSet *set)
{
  g_return_if_fail (set != NULL);
  g_hash_table_remove_all (set->entries);
}

static int
compare_kinds (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
cd_change_set_to_changes (CdChangeSet    *set,
                          CdChangeOrigin  origin)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_change_unref);
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  if (set == NULL)
    return changes;

  /* In a fixed order, so that handlers see the same sequence every time. */
  g_hash_table_iter_init (&iter, set->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (kinds, key);
  g_ptr_array_sort (kinds, compare_kinds);

  for (guint i = 0; i < kinds->len; i++)
    {
      Entry *entry = g_hash_table_lookup (set->entries, g_ptr_array_index (kinds, i));

      g_ptr_array_add (changes, cd_change_new (g_ptr_array_index (kinds, i), origin,
                                               entry->all ? NULL : (const gint64 *) (gpointer) entry->ids->data,
                                               entry->all ? 0 : entry->ids->len));
    }
  return changes;
}

/* CdAuditLedger -------------------------------------------------------- */

typedef struct {
  gint64 first;
  gint64 last;
} Range;

struct _CdAuditLedger
{
  gatomicrefcount  ref;
  GMutex           lock;
  GArray          *ranges;       /* Range */
};

CdAuditLedger *
cd_audit_ledger_new (void)
{
  CdAuditLedger *ledger = g_new0 (CdAuditLedger, 1);

  g_atomic_ref_count_init (&ledger->ref);
  g_mutex_init (&ledger->lock);
  ledger->ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  return ledger;
}

CdAuditLedger *
cd_audit_ledger_ref (CdAuditLedger *ledger)
{
  g_atomic_ref_count_inc (&ledger->ref);
  return ledger;
}

void
cd_audit_ledger_unref (CdAuditLedger *ledger)
{
  if (ledger == NULL || !g_atomic_ref_count_dec (&ledger->ref))
    return;
  g_mutex_clear (&ledger->lock);
  g_array_unref (ledger->ranges);
  g_free (ledger);
}

void
cd_audit_ledger_add (CdAuditLedger *ledger,
                     gint64         first,
                     gint64         last)
{
  Range range = { first, last };

  g_mutex_lock (&ledger->lock);
  g_array_append_val (ledger->ranges, range);
  g_mutex_unlock (&ledger->lock);
}

gboolean
cd_audit_ledger_claims (CdAuditLedger *ledger,
                        gint64         id)
{
  gboolean found = FALSE;

  g_mutex_lock (&ledger->lock);
  for (guint i = 0; i < ledger->ranges->len && !found; i++)
    {
      Range *r = &g_array_index (ledger->ranges, Range, i);
      found = id >= r->first && id <= r->last;
    }
  g_mutex_unlock (&ledger->lock);
  return found;
}

void
cd_audit_ledger_forget_upto (CdAuditLedger *ledger,
                             gint64         id)
{
  g_mutex_lock (&ledger->lock);
  for (guint i = ledger->ranges->len; i > 0; i--)
    if (g_array_index (ledger->ranges, Range, i - 1).last <= id)
      g_array_remove_index_fast (ledger->ranges, i - 1);
  g_mutex_unlock (&ledger->lock);
}

