# Writes the man page mentorsim.1 from the binary's own --help with help2man: the overview from
# `mentorsim --help`, then a COMMANDS section with every sub-command's `--help`, an ENVIRONMENT
# and a SEE ALSO section. Run by the build (sim/CMakeLists.txt) as
#   cmake -DBINARY=<mentorsim> -DHELP2MAN=<help2man> -DOUT=<mentorsim.1> -P man_page.cmake
foreach(var BINARY HELP2MAN OUT)
  if(NOT ${var})
    message(FATAL_ERROR "man_page.cmake: -D${var}= is required")
  endif()
endforeach()

# roff-safe text in a no-fill block: backslashes doubled, a leading '.' or '\'' escaped.
function(roff_block text out_var)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out_var} ".nf\n${text}\n.fi\n" PARENT_SCOPE)
endfunction()

execute_process(COMMAND ${BINARY} --help OUTPUT_VARIABLE overview RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "man_page.cmake: ${BINARY} --help failed")
endif()
# The sub-commands: the first word of each line of the "commands:" block, up to its blank line.
string(REGEX MATCH "\ncommands:\n(.*)" block "${overview}")
string(FIND "${CMAKE_MATCH_1}" "\n\n" end)
string(SUBSTRING "${CMAKE_MATCH_1}" 0 ${end} block)
string(REGEX MATCHALL "(^|\n)  [a-z]+ " lines "\n${block}")
set(commands "")
foreach(line IN LISTS lines)
  string(STRIP "${line}" command)
  list(APPEND commands ${command})
endforeach()
list(REMOVE_DUPLICATES commands)

set(include "[COMMANDS]\n")
foreach(command IN LISTS commands)
  execute_process(COMMAND ${BINARY} ${command} --help OUTPUT_VARIABLE help ERROR_VARIABLE help
    RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "man_page.cmake: ${BINARY} ${command} --help failed: ${help}")
  endif()
  roff_block("${help}" block)
  string(APPEND include ".SS ${command}\n${block}")
endforeach()
string(APPEND include [=[
[ENVIRONMENT]
.TP
.B MENTORSIM_PYTHON
The Python 3 that \fBmentorsim report\fR runs (default: the one found at build time, Debian's
/usr/bin/python3, which has python3-h5py, -pandas and -matplotlib).
.TP
.B MENTORSIM_ANALYSIS_DIR
The directory holding the analysis package \fImentorsim_analysis/\fR that \fBmentorsim report\fR
runs (default: \fI../share/mentorsim/analysis\fR beside the installed binary, or the build tree's
\fIanalysis\fR link).
[FILES]
.TP
.I share/mentorsim/scenarios/
The bundled scenarios: the models, the comparison, the workshop, sweeps and uncertainty files.
.TP
.I share/mentorsim/mentorsim.schema.json
The JSON Schema of scenario, sweep and uncertainty files, for editors.
[SEE ALSO]
The documentation installed in \fIshare/doc/mentorsim/\fR: README.md, docs/scenarios.md (writing
scenarios), docs/parameters.md (every parameter), docs/compare.md, docs/sweeps.md,
docs/clusters.md, docs/analysis.md and docs/workshop.md.
]=])

get_filename_component(out_dir "${OUT}" DIRECTORY)
set(include_file "${out_dir}/mentorsim-man-include.h2m")
file(WRITE "${include_file}" "${include}")
# In a UTF-8 locale, so non-ASCII text survives help2man; then each such character becomes its roff
# escape, so the page renders without warnings in any locale (a test keeps --help to these).
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C.UTF-8
    ${HELP2MAN} --no-info --no-discard-stderr --section=1 --locale=C.UTF-8
    "--name=agent-based simulator of mentoring ecosystems" "--include=${include_file}"
    "--output=${OUT}.tmp" ${BINARY}
  RESULT_VARIABLE status ERROR_VARIABLE error)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "man_page.cmake: help2man failed: ${error}")
endif()
file(READ "${OUT}.tmp" page)
foreach(pair "—|\\(em" "–|\\(en" "×|\\(mu" "≥|\\(>=" "≤|\\(<=" "’|\\(cq" "“|\\(lq" "”|\\(rq")
  string(REPLACE "|" ";" pair "${pair}")
  list(GET pair 0 character)
  list(GET pair 1 escape)
  string(REPLACE "${character}" "${escape}" page "${page}")
endforeach()
if(page MATCHES "[^\t\n -~]")
  message(FATAL_ERROR "man_page.cmake: --help holds a character without a roff escape here; "
    "add it to the list above")
endif()
file(WRITE "${OUT}" "${page}")
file(REMOVE "${OUT}.tmp")
