# The layers of sim/, bottom up: "folder|what it holds|the layers it may include directly". A layer
# may also include what those include (the table is read transitively), and nothing else.
#
# The build enforces it twice: each layer is a static library whose include root
# (<build>/sim/layers/<layer>/) holds one link, to its own folder, and sees only the roots of the
# layers it links to, so a wrong include finds no file; and check_layers.cmake reads every include
# of every file before anything compiles. docs/architecture.md shows this table; a test keeps the
# two the same (check_layers.cmake -DMODE=docs).
set(MENTORSIM_LAYERS
  "core|errors, counter-based random numbers, distributions, block-parallel loops|"
  "sensitivity|the Sobol' sequence, Saltelli and Morris designs and their estimators|core"
  "scenario|parameter declarations, every config struct, Scenario|core"
  "state|the tables of a run (practitioners, ties, peer groups), World, the Model interface|scenario"
  "mechanisms|joining, departure, knowledge, burnout, reciprocity, shocks|state"
  "matching|the matcher shared by every model|state"
  "models|the mentoring models and their registry|matching state"
  "input|scenario files and --set overrides in, Scenario out, the parameter schema|models mechanisms"
  "metrics|metric declarations, metric groups, the recorder, RunResult|state"
  "engine|the weekly phases, one run, replicates|mechanisms metrics"
  "output|HDF5 files, summaries, comparisons, network export|metrics"
  "sweep|sweep files, plans, parts, the index, MPI|engine input output sensitivity"
  "uncertainty|compare under uncertain assumptions: uncertainty files, draws, ranking robustness|sweep"
  "cli|the mentorsim command|uncertainty")

# Splits one entry of MENTORSIM_LAYERS into its name, description and list of direct dependencies.
function(mentorsim_layer_fields entry name_var what_var deps_var)
  string(REGEX MATCH "^([^|]*)\\|([^|]*)\\|([^|]*)$" matched "${entry}")
  if(NOT matched)
    message(FATAL_ERROR "sim/layers.cmake: '${entry}' is not 'folder|what it holds|depends on'")
  endif()
  set(name "${CMAKE_MATCH_1}")
  set(what "${CMAKE_MATCH_2}")
  set(deps "${CMAKE_MATCH_3}")
  separate_arguments(deps)
  set(${name_var} "${name}" PARENT_SCOPE)
  set(${what_var} "${what}" PARENT_SCOPE)
  set(${deps_var} "${deps}" PARENT_SCOPE)
endfunction()

# The layers `name` may include: itself and every layer below it in the table's closure.
function(mentorsim_layer_reach name out_var)
  set(reach "${name}")
  set(todo "${name}")
  while(todo)
    list(POP_FRONT todo current)
    foreach(entry IN LISTS MENTORSIM_LAYERS)
      mentorsim_layer_fields("${entry}" layer what deps)
      if(layer STREQUAL current)
        foreach(dep IN LISTS deps)
          if(NOT dep IN_LIST reach)
            list(APPEND reach "${dep}")
            list(APPEND todo "${dep}")
          endif()
        endforeach()
      endif()
    endforeach()
  endwhile()
  set(${out_var} "${reach}" PARENT_SCOPE)
endfunction()
