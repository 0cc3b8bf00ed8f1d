// Compiled against the models layer only (tests/CMakeLists.txt, target layering_probe_downward):
// the state and the scenario sit below the models, so this builds. The control for
// upward_include.cpp: the refusal there is the layering's, not a broken probe.
#include "scenario/scenario.hpp"
#include "state/world.hpp"
