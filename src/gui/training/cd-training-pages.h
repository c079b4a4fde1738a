/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The pages of the Training view, each made with its store. */

#include "cd-assessments-page.h"
#include "cd-certifications-page.h"
#include "cd-courses-page.h"
#include "cd-coverage-page.h"
#include "cd-matrix-page.h"
#include "cd-plan-page.h"
#include "cd-sessions-page.h"
