/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-store"
#include "config.h"
#include "cd-store.h"
