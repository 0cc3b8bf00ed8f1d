# Builds the two layering probes (tests/layering/*.cpp): the downward one must build, the upward
# one must fail because its include is not found. Run by ctest with -DBUILD_DIR=<build tree>.
foreach(probe downward upward)
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target layering_probe_${probe}
                  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(probe STREQUAL "downward" AND NOT result EQUAL 0)
    message(FATAL_ERROR "the downward include should build:\n${out}")
  endif()
  if(probe STREQUAL "upward")
    if(result EQUAL 0)
      message(FATAL_ERROR "an include of the engine from the state layer built")
    endif()
    if(NOT out MATCHES "engine/simulation.hpp: No such file or directory")
      message(FATAL_ERROR "the upward include failed for another reason than the layers:\n${out}")
    endif()
  endif()
endforeach()
