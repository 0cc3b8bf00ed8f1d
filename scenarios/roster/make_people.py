#!/usr/bin/env python3
"""Writes people.csv: a synthetic organisation of 500 people for the roster example (no real person
is in it), and ties.csv: the one-on-one relationships running among them at week 0. Deterministic
(seed 2026): tests/python/test_roster_example.py checks that the shipped files are this script's
output.

    /usr/bin/python3 scenarios/roster/make_people.py > scenarios/roster/people.csv
    /usr/bin/python3 scenarios/roster/make_people.py --ties > scenarios/roster/ties.csv

What it shows: every column of a roster (docs/parameters.md, "Roster files"), and fields left
empty, which the simulator draws as for a drawn population (a fifth of the technical skills, most
available hours, the seniority of a few)."""

import csv
import random
import sys

FUNCTIONS = [("engineering", 0.5), ("operations", 0.3), ("sales", 0.2)]
GROUPS = [("majority", 0.7), ("minority", 0.3)]
ZONES = ["technical", "leadership", "navigation", "digital"]


def pick(rng, choices):
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


HEADER = ["id", "function", "group", "tenure_weeks", "senior", *ZONES, "available_hours"]


def people(n=500, seed=2026):
    """The roster's rows, as lists of fields in HEADER's order."""
    rng = random.Random(seed)
    rows = []
    for i in range(1, n + 1):
        tenure = min(int(rng.expovariate(1 / 200)), 1500)  # mean about four years
        senior = tenure > 260 and rng.random() < 0.08         # about 15 seniors in 500
        mean = 0.8 if senior else 0.25 + min(tenure, 520) / 520 * 0.2
        skills = []
        for zone in ZONES:
            if zone == "technical" and rng.random() < 0.2:
                skills.append("")  # left for the simulator to draw
            else:
                centre = 0.7 if zone == "digital" and not senior else mean
                skills.append(f"{min(max(rng.gauss(centre, 0.1), 0.0), 1.0):.3f}")
        seniority = "" if rng.random() < 0.05 else ("yes" if senior else "no")
        hours = f"{rng.choice([1.0, 1.5, 2.0, 3.0])}" if senior and rng.random() < 0.7 else ""
        rows.append([f"E{i:04d}", pick(rng, FUNCTIONS), pick(rng, GROUPS), tenure, seniority,
                     *skills, hours])
    return rows


def main(out=sys.stdout, n=500, seed=2026):
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(people(n, seed))


def ties(out=sys.stdout, seed=2026, per_mentor=(1, 3), term_weeks=39):
    """The mentoring already running at week 0 (synthetic; the counts and start weeks are assumed,
    for illustration): each senior the roster names (senior = yes) has one to three mentees of the current one-on-one programme ("current"), not seniors themselves,
    each relationship in its 39-week term, started up to 30 weeks ago and not before either joined.
    Every learner has one mentor."""
    rows = people()
    rng = random.Random(seed + 1)
    seniors = [r for r in rows if r[4] == "yes"]
    learners = [r for r in rows if r[4] == "no"]
    rng.shuffle(learners)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["developer", "learner", "programme", "start_week", "planned_end"])
    for mentor in seniors:
        for _ in range(rng.randint(*per_mentor)):
            learner = learners.pop()
            start = max(-rng.randint(0, 30), -int(learner[3]), -int(mentor[3]))
            writer.writerow([mentor[0], learner[0], "current", start, start + term_weeks - 1])


if __name__ == "__main__":
    ties() if sys.argv[1:] == ["--ties"] else main()
