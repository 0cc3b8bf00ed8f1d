// Compiled against the state layer only (tests/CMakeLists.txt, target layering_probe_upward): the
// engine sits above the state, so this include must not be found and the target must not build.
#include "engine/simulation.hpp"
