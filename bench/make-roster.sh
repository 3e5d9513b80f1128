#!/bin/sh
# Writes a cohort roster of N learners (default 1000) to standard output, for timing
# `pivot batch`: every background and role of the built-in catalog, hours from 5 to 20 a week,
# some with study slots, known skills and a break. The same N gives the same roster.
# Usage: bench/make-roster.sh [N] > roster.csv
set -eu

n=${1:-1000}
awk -v n="$n" 'BEGIN {
    split("software-engineer data-analyst product-manager career-changer teacher healthcare-professional mechanical-engineer journalist devops-engineer academic-researcher designer finance-professional", bg, " ")
    split("ml-engineer data-scientist ai-researcher ai-product-manager prompt-engineer mlops-engineer", role, " ")
    split("healthcare education robotics journalism", domain, " ")
    split("Europe/London America/New_York Asia/Kolkata Australia/Sydney", zone, " ")
    print "name,background,target_role,domain,hours_per_week,start,months,timezone,study_slots,known_skills,interests,breaks,budget,currency,route"
    for (i = 1; i <= n; i++) {
        hours = 5 + (i % 16)
        slots = ""
        if (i % 3 == 0) slots = sprintf("sat 08:00 %d; sun 08:00 %d", int(hours / 2), hours - int(hours / 2))
        skills = (i % 4 == 0) ? "python; git" : ""
        brk = (i % 5 == 0) ? "2027-04-05 to 2027-04-11 Easter" : ""
        printf "Learner %04d,%s,%s,%s,%d,2027-01-04,%d,%s,%s,%s,,%s,,,\n", i, bg[1 + i % 12], role[1 + i % 6], (i % 2) ? domain[1 + i % 4] : "", hours, 6 + 3 * (i % 3), (i % 3 == 0) ? zone[1 + i % 4] : "", slots, skills, brk
    }
}'
