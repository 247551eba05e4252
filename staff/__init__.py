"""Tools for clinic staff: the explaining shell, batch questions, the usage report, the export of
unanswered messages."""

import sys
import warnings

import sanic  # noqa: F401

# Importing sanic (as Rasa does) puts a "once" filter for DeprecationWarning in front of every
# other, so libraries' deprecation notices print even under PYTHONWARNINGS=ignore (as the Makefile
# sets it). Put the user's choice back in front, so the staff tools start quietly.
if "ignore" in sys.warnoptions:
    warnings.simplefilter("ignore")
