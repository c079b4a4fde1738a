/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the knowledge files share and nothing else. */

#include "cd-knowledge.h"
#include "cd-store-private.h"

G_BEGIN_DECLS

/* Everyone keeps the knowledge base and the replies. */
#define CD_KNOWLEDGE_ALL_ROLES (CD_ROLE_BIT (CD_ROLE_REP) | CD_ROLE_BIT (CD_ROLE_LEAD) | \
                                CD_ROLE_BIT (CD_ROLE_TRAINER) | CD_ROLE_BIT (CD_ROLE_ADMIN))

G_END_DECLS
