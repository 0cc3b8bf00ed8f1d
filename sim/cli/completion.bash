# Bash completion for mentorsim: sub-commands, each one's options, the values of --format and
# --metrics, scenario keys after --set, and files where a command takes them.
#
# Everything is read from the mentorsim being completed — its --help, `<command> --help` and
# `schema --format keys` — so the completion never goes stale. Installed by `cmake --install` as
# share/bash-completion/completions/mentorsim; from a build tree: `source sim/cli/completion.bash`.

# The sub-commands: the first word of each line of the "commands:" block of `mentorsim --help`.
_mentorsim_commands() {
  "$1" --help 2>/dev/null | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p'
}

# The options of a sub-command, from its --help: every --long-name.
_mentorsim_options() {
  "$1" "$2" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u
}

# The values of --format, from the option's description ("summary format: text, json or csv",
# "(=md) md, toml or json").
_mentorsim_formats() {
  "$1" "$2" --help 2>/dev/null \
    | sed -n 's/.*--format \] arg\( (=[^)]*)\)\{0,1\} *//p' \
    | sed 's/^[^:]*: //; s/,/ /g; s/ or / /g'
}

_mentorsim() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local bin=${COMP_WORDS[0]}
  bin=${bin/#\~/$HOME}
  COMPREPLY=()
  if ((COMP_CWORD == 1)); then
    mapfile -t COMPREPLY < <(compgen -W "$(_mentorsim_commands "$bin") --help --version" -- "$cur")
    return
  fi
  local command=${COMP_WORDS[1]}
  case $prev in
    --set)
      # table.key=, then the value is the user's.
      compopt -o nospace 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -S = -W "$("$bin" schema --format keys 2>/dev/null)" -- "$cur")
      return ;;
    -f | --format)
      mapfile -t COMPREPLY < <(compgen -W "$(_mentorsim_formats "$bin" "$command")" -- "$cur")
      return ;;
    -m | --metrics)
      mapfile -t COMPREPLY < <(compgen -W "headline all" -- "$cur")
      return ;;
    -o | --out | --network-dir | --uncertain)
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      compopt -o filenames 2>/dev/null
      return ;;
    -r | --replicates | -s | --seed | -t | --threads | --live-speed | --export-network | --title | \
      --shard | --checkpoint | --resamples | --repeats | --phases)
      return ;;
  esac
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_mentorsim_options "$bin" "$command")" -- "$cur")
    return
  fi
  # A positional argument: scenario and sweep files, or results (.h5 files and sweep directories).
  compopt -o filenames 2>/dev/null
  case $command in
    report | summarize | merge | sensitivity)
      mapfile -t COMPREPLY < <(compgen -f -X '!*.h5' -- "$cur"; compgen -d -- "$cur") ;;
    run | compare | sweep | check | bench)
      mapfile -t COMPREPLY < <(compgen -f -X '!*.toml' -- "$cur"; compgen -d -- "$cur") ;;
  esac
}

complete -F _mentorsim mentorsim
