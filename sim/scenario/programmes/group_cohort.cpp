// Parameters of the group cohort model, declared once.

#include "scenario/programmes/group_cohort.hpp"

namespace mentorsim {

namespace {

using B = params::SectionBuilder<GroupCohortConfig>;
using C = GroupCohortConfig;

// Who joins a cohort, who facilitates it, and its rhythm (seed 001 §2, §4).
void declare_cohorts(B& b) {
  b.integer("cohort_size", &C::cohort_size, 10, {3, 15}, "practitioners",
            "Members of a cohort when it forms (seed 001 §4: 'cohorts of 8–12').")
      .integer("cohort_min", &C::cohort_min, 8, {3, 15}, "practitioners",
               "A cohort forms once this many wait (seed 001: intake when enough people wait; "
               "threshold assumed).")
      .integer("intake_every_weeks", &C::intake_every_weeks, 0, {0, 520}, "weeks",
               "Also form a cohort every this many weeks with whoever waits, if at least 3 "
               "(0 = off; assumed).")
      .real("seek_share", &C::seek_share, 0.8, {0, 1}, "",
            "Share of newcomers (not seniors) who seek a cohort on joining.")
      .real("initial_seek_share", &C::initial_seek_share, 0.05, {0, 1}, "",
            "Share of the programme's starting population (not seniors) who seek a cohort.")
      .integer("facilitator_capacity", &C::facilitator_capacity, 1, {1, 20}, "cohorts",
               "Cohorts one facilitator holds at a time (seed 001 §2: 'a guide holds 8–15 "
               "people', one cohort).")
      .integer("cadence_weeks", &C::cadence_weeks, 2, {1, 52}, "weeks",
               "Weeks between cohort sessions (seed 001 §4: 'meeting biweekly').")
      .real("session_hours", &C::session_hours, 1.5, {0, 40}, "hours",
            "Length of a session; the facilitator's load is session_hours / cadence_weeks per "
            "cohort (assumed; about 39 h/yr per cohort at the defaults).")
      .integer("cohort_weeks", &C::cohort_weeks, 26, {1, 520}, "weeks",
               "Weeks from formation to graduation (assumed: six months).");
}

// Safety, attendance and the decay of a cohort (seed 001 §5, §8).
void declare_vitality(B& b) {
  b.real("quality_base", &C::quality_base, 0.6, {0, 1}, "",
         "Facilitator tie quality; the peer group's quality = quality_base x safety (assumed).")
      .real("safety_min", &C::safety_min, 0.5, {0, 1}, "",
            "Lower end of a cohort's psychological safety, drawn uniformly at formation "
            "(assumed).")
      .real("safety_max", &C::safety_max, 1.0, {0, 1}, "",
            "Upper end of a cohort's psychological safety (assumed).")
      .real("attendance", &C::attendance, 0.85, {0, 1}, "",
            "Probability a member is present at a session of a cohort in full rhythm (seed 001 "
            "§8: a vital group's attendance 'remains high (80%+)'); at rhythm R it is "
            "attendance x R.")
      .real("skip_chance", &C::skip_chance, 0.02, {0, 1}, "",
            "Chance a scheduled session slips for reasons of the calendar alone (assumed: a "
            "rhythm 'written into calendars' rarely drops a session, seed 001 §4; set it higher "
            "to model irregular meetings).")
      .real("slip_contagion", &C::slip_contagion, 0.9, {0, 1}, "",
            "How much lost rhythm makes the next session slip too: a session is held with "
            "probability (1 - skip_chance) x (1 - slip_contagion x (1 - R)) (seed 001 §5: 'One "
            "skipped week becomes two. Momentum breaks.'; strength assumed; below 1 a cohort "
            "recovers when the cause goes away).")
      .integer("rhythm_memory", &C::rhythm_memory, 3, {1, 52}, "sessions",
               "Sessions over which the rhythm R remembers slips: after each scheduled session "
               "R moves 1/rhythm_memory of the way to 1 (held) or 0 (slipped) (assumed).")
      .integer("vitality_window", &C::vitality_window, 3, {1, 52}, "sessions",
               "Held sessions over which a cohort's attendance rate is read for a pause "
               "(assumed).")
      .real("pause_below", &C::pause_below, 0.5, {0, 1}, "",
            "A full window with an attendance rate below this pauses the cohort (seed 001 §8: "
            "'If the group has lost vitality ... pause'; threshold assumed; 0 turns pauses off).")
      .integer("replant_weeks", &C::replant_weeks, 13, {1, 520}, "weeks",
               "Length of a pause, then the cohort restarts in full rhythm (seed 001 §8: "
               "'pause for 3 months ... Then restart').")
      .flag("calendar_guard", &C::calendar_guard, false,
            "Someone guards the calendar: skip_chance is halved (seed 001 §5: 'Mitigate by "
            "assigning someone to guard the calendar ruthlessly'; effect size assumed).")
      .flag("rematch", &C::rematch, true,
            "Graduates still below competence in some zone seek a cohort again.");
}

// Office hours and the all-hands (seed 001 §4).
void declare_extras(B& b) {
  b.flag("office_hours", &C::office_hours, true,
         "Each member has one-on-one office hours with the cohort's facilitator, a tie "
         "beside the cohort that takes no seat (seed 001 §4: 'optional one-on-one office "
         "hours (30 minutes/month per mentee)').")
      .integer("office_hours_cadence_weeks", &C::office_hours_cadence_weeks, 4, {1, 52}, "weeks",
               "Weeks between a member's office-hours slots (seed 001 §4: 'per month'; monthly "
               "= every 4 weeks, 13 a year).")
      .real("office_hours_hours", &C::office_hours_hours, 0.5, {0, 8}, "hours",
            "Length of one office-hours slot (seed 001 §4: '30 minutes').")
      .real("office_hours_attendance", &C::office_hours_attendance, 0.5, {0, 1}, "",
            "Probability a member takes a slot (assumed; seed 001 §4: 'optional'). The "
            "facilitator's load counts only slots taken: hours / cadence x attendance per "
            "member.")
      .flag("all_hands", &C::all_hands, true,
            "Hold a whole-community all-hands of every cohort member and facilitator of the "
            "programme (seed 001 §4: 'quarterly all-hands reflection where the whole community "
            "makes meaning together').")
      .integer("all_hands_every_weeks", &C::all_hands_every_weeks, 13, {1, 520}, "weeks",
               "Weeks between all-hands, counted from the programme's start_week (seed 001 "
               "§4: 'quarterly'; 13 weeks).")
      .real("all_hands_hours", &C::all_hands_hours, 0.75, {0, 40}, "hours",
            "Length of an all-hands, counted in each facilitator's load spread over the "
            "interval (derived: with full office-hours take-up a facilitator of ten then gives "
            "39 + 65 + 3 = 107 h/yr, the brief's workload figure).")
      .real("all_hands_attendance", &C::all_hands_attendance, 0.7, {0, 1}, "",
            "Probability a member attends an all-hands (assumed: below the cohort's '80%+', "
            "seed 001 §8, as a quarterly whole-community meeting binds less).")
      .real("all_hands_quality", &C::all_hands_quality, 0.3, {0, 1}, "",
            "Quality of an all-hands' transfer toward the facilitators' mean skill per zone "
            "(assumed: half the cohort's quality_base; seed 001 §2: in larger groups "
            "'personalization evaporates'; 0 = no learning effect).");
}

}  // namespace

params::SectionSpec group_cohort_section() {
  B b("group_cohort",
      "Group mentoring cohorts: 8–12 learners meeting biweekly with one facilitator, "
      "graduating after a fixed term; attendance follows the cohort's rhythm, which slipped "
      "sessions break, and a cohort that falls too low pauses, then restarts.");
  declare_cohorts(b);
  declare_vitality(b);
  declare_extras(b);
  b.not_above("cohort_min", &C::cohort_min, "cohort_size", &C::cohort_size)
      .not_above("safety_min", &C::safety_min, "safety_max", &C::safety_max);
  return b.build();
}

}  // namespace mentorsim
