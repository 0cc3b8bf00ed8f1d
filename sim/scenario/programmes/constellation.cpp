// Parameters of the constellation model, declared once. "§" refers to the constellation seed
// (seeds/000_92f5ded59bc03c4e.txt).
#include "scenario/programmes/constellation.hpp"

namespace mentorsim {

namespace {

using B = params::SectionBuilder<ConstellationConfig>;
using C = ConstellationConfig;

// Who builds a constellation, and who may guide whom (§4).
void declare_matching(B& b) {
  b.real("seek_share", &C::seek_share, 0.8, {0, 1}, "",
         "Share of newcomers (not seniors) who build a constellation on joining (assumed, as "
         "one_on_one).")
      .real("initial_seek_share", &C::initial_seek_share, 0.05, {0, 1}, "",
            "Share of the programme's starting population (not seniors) who build one (assumed, "
            "as one_on_one).")
      .integer("zones_per_learner", &C::zones_per_learner, 3, {3, 5}, "zones",
               "Development zones a learner maps: their weakest zones below competence, ties to "
               "the lower zone index; clipped to population.zones (§4: 'name three to five core "
               "development zones').")
      .integer("guides_per_zone", &C::guides_per_zone, 2, {1, 4}, "guides",
               "Guides wanted in each mapped zone (§4: 'For each zone, identify two to four "
               "potential guides'; 1 gives the single-mentor contrast).")
      .real("min_lead", &C::min_lead, 0.2, {0, 1}, "skill",
            "A guide's skill in the zone must exceed the learner's by at least this (§4: guides "
            "chosen 'by capacity and relationship, not by title', but a guide has something to "
            "teach there: assumed 0.2, twice the reverse model's lead; under 0.1 and selection by "
            "room alone the median guide led their learner by 0.04).")
      .flag("require_can_mentor", &C::require_can_mentor, false,
            "Only practitioners flagged senior or can-mentor (reciprocity) may guide. Off: anyone "
            "who leads in the zone may (§4: 'They don't need to be senior').")
      .integer("guide_capacity", &C::guide_capacity, 4, {1, 100}, "ties",
               "Relationships a guide develops at a time, over every programme (assumed; seed 001 "
               "§2: 'maybe 3–5 meaningful relationships').")
      .flag("within_available_hours", &C::within_available_hours, true,
            "A new tie's weekly hours must fit in the guide's available hours next to the hours "
            "already committed (§7: candidates 'based on skill profile ... and available time').")
      .choice("matching", &C::matching, matching_policies(), MatchingPolicy::kBestScore,
              "Shared matcher policy, applied to each (learner, zone) slot over the guides "
              "eligible for it (§4: 'a mentor-matching algorithm can flag candidates by skill "
              "overlap and availability').")
      .integer("candidates", &C::candidates, 16, {1, 1000}, "guides",
               "Eligible guides sampled and scored per slot by best_score and batch_optimal.")
      .real("weight_gap", &C::weight_gap, 2.0, {-100, 100}, "1/skill",
            "Score weight on the guide's lead over the learner in the slot's zone (§7: candidates "
            "flagged 'by skill overlap and availability'; 2 makes a lead of 0.25 outweigh the "
            "whole availability term at its default weight, assumed).")
      .real("weight_availability", &C::weight_availability, 0.5, {-100, 100}, "",
            "Score weight on the guide's spare share of capacity (§4: 'availability').")
      .real("weight_similarity", &C::weight_similarity, 0.0, {-100, 100}, "",
            "Score weight on sharing the learner's group; negative favours cross-group guides "
            "(§4: 'Seek cognitive diversity').")
      .real("weight_cross_function", &C::weight_cross_function, 0.0, {-100, 100}, "",
            "Score weight on guide and learner being in different functions.");
}

// Roles and their rhythms (§4, §6).
void declare_rhythms(B& b) {
  b.integer("peer_tenure_band_weeks", &C::peer_tenure_band_weeks, 26, {0, 5200}, "weeks",
            "A guide (not senior) who joined within this many weeks of the learner is a peer "
            "(§6: 'a peer mentor (someone six months ahead)').")
      .integer("navigator_tenure_weeks", &C::navigator_tenure_weeks, 104, {0, 5200}, "weeks",
               "A guide who is neither senior nor peer, with at least this tenure, is a navigator; "
               "otherwise a technical guide (§6: 'a \"cultural navigator\" (someone in the "
               "company more than two years)').")
      .integer("cadence_peer_weeks", &C::cadence_peer_weeks, 1, {1, 52}, "weeks",
               "Weeks between sessions with a peer (§6: 'weekly with the peer mentor').")
      .integer("cadence_technical_weeks", &C::cadence_technical_weeks, 2, {1, 52}, "weeks",
               "Weeks between sessions with a technical guide (§6: 'bi-weekly with the technical "
               "guide').")
      .integer("cadence_navigator_weeks", &C::cadence_navigator_weeks, 4, {1, 52}, "weeks",
               "Weeks between sessions with a navigator (§6: 'monthly with the cultural "
               "navigator'; monthly = every 4 weeks, 13 a year).")
      .integer("cadence_senior_weeks", &C::cadence_senior_weeks, 13, {1, 52}, "weeks",
               "Weeks between sessions with a senior guide (§4: 'one quarterly coffee with a "
               "senior guide on strategy').")
      .integer("senior_tie_weeks", &C::senior_tie_weeks, 26, {0, 5200}, "weeks",
               "A senior guide's tie completes after this many weeks, so the few experts' time "
               "rotates to other learners; the slot refills at the learner's next check-in (§4: "
               "'Would you be willing to have three coffee conversations over six months?'; 0: "
               "senior ties never end on their own).")
      .real("hours_peer", &C::hours_peer, 1.0, {0, 40}, "hours",
            "Length of a peer session (assumed).")
      .real("hours_technical", &C::hours_technical, 1.0, {0, 40}, "hours",
            "Length of a technical guide's session (assumed).")
      .real("hours_navigator", &C::hours_navigator, 1.0, {0, 40}, "hours",
            "Length of a navigator's session (assumed).")
      .real("hours_senior", &C::hours_senior, 1.0, {0, 40}, "hours",
            "Length of a senior guide's session, a coffee (assumed).")
      .real("attendance", &C::attendance, 0.9, {0, 1}, "",
            "Probability that a scheduled session takes place (assumed).")
      .real("quality", &C::quality, 0.8, {0, 1}, "",
            "Quality of a guide tie before contradiction, scaling transfer (assumed).");
}

// Check-ins, reflections and contradictory advice (§4, §5, §8).
void declare_upkeep(B& b) {
  b.integer("checkin_weeks", &C::checkin_weeks, 13, {1, 104}, "weeks",
            "Weeks between a learner's constellation check-ins, counted from the week they "
            "joined the programme (§4: 'Schedule an annual (or quarterly) \"constellation "
            "check-in\"'; 13 quarterly, 52 annual).")
      .integer("stale_sessions", &C::stale_sessions, 2, {1, 52}, "sessions",
               "A guide whose last this many scheduled sessions were all missed is stale and is "
               "released at the check-in (assumed; §8: guides 'show up inconsistently').")
      .flag("release_caught_up", &C::release_caught_up, true,
            "A guide whose skill in the zone the learner now equals or exceeds is stale too "
            "(§3: 'If the mentee's needs shift, they can add or release relationships').")
      .flag("drop_competent_zones", &C::drop_competent_zones, true,
            "At a check-in a zone where the learner reached knowledge.competence_threshold is "
            "dropped (its ties complete) and the weakest unmapped zone below competence, if any, "
            "is mapped instead; a learner with no zone left leaves the programme.")
      .integer("reflection_weeks", &C::reflection_weeks, 52, {0, 520}, "weeks",
               "Weeks between whole-constellation reflections, counted from the week the learner "
               "joined (§4: 'annual reflection with the whole constellation'); 0: none.")
      .real("reflection_attendance", &C::reflection_attendance, 0.9, {0, 1}, "",
            "Probability that a reflection takes place (assumed).")
      .real("reflection_quality", &C::reflection_quality, 0.8, {0, 1}, "",
            "Quality of a reflection: it closes transfer_rate x this of the gap to the strongest "
            "guide in each mapped zone (assumed).")
      .real("coordinator_share", &C::coordinator_share, 0.0, {0, 1}, "",
            "Share of learners whose constellation has a coordinator who integrates advice, drawn "
            "once per learner (§5: 'Without a coordinating function'; assumed none).")
      .real("synthesis_factor", &C::synthesis_factor, 1.25, {1, 4}, "",
            "Multiplies the quality of a zone's ties while it has two or more guides: several "
            "perspectives to synthesise (§3: 'not through one voice but through a chorus'; §5: "
            "mentees 'learn to synthesize contradictory advice'; assumed 1.25, so "
            "that at the default contradiction_factor the two cancel without a coordinator and "
            "several guides are a net gain with one; quality is capped at 1).")
      .real("contradiction_factor", &C::contradiction_factor, 0.8, {0, 1}, "",
            "Multiplies the quality of a zone's ties while it has two or more guides and no "
            "coordinator (§5: 'contradictory advice without a framework to integrate it'; "
            "strength assumed).");
}

}  // namespace

params::SectionSpec constellation_section() {
  B b("constellation",
      "Mentorship constellations: guides per development zone chosen by skill and room, "
      "staggered rhythms by role, check-ins, contradictory advice, reciprocity.");
  declare_matching(b);
  declare_rhythms(b);
  declare_upkeep(b);
  return b.build();
}

}  // namespace mentorsim
