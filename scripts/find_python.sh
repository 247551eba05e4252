#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter, or explains how to get one and exits 1.
# Rasa 3.6 supports Python 3.8-3.10; this project pins 3.10 (see .python-version).
set -u
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
candidates+=(python3.10)
if command -v pyenv >/dev/null 2>&1; then
  prefix=$(pyenv prefix "$(cat "$(dirname "$0")/../.python-version")" 2>/dev/null) && candidates+=("$prefix/bin/python")
fi
candidates+=(/usr/bin/python3.10 /usr/local/bin/python3.10 python3)
for py in "${candidates[@]}"; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
    command -v "$py"
    exit 0
  fi
done
cat >&2 <<'MSG'
error: Python 3.10 was not found.
This project needs Python 3.10 (Rasa 3.6 supports 3.8-3.10 only). Install it with one of:
  pyenv install 3.10 && pyenv local 3.10        # pyenv picks it from .python-version
  sudo apt-get install python3.10 python3.10-venv   # Debian/Ubuntu with a 3.10 package
  brew install python@3.10                        # macOS
or point PYTHON at an existing interpreter:  make install PYTHON=/path/to/python3.10
MSG
exit 1
