"""This bot's Rasa components. Rasa imports this package when it loads the model (config.yml
names components and a policy in it), which is where the changes to Rasa itself go in: the
fixes in rasa_speedups and the in-process session start."""

from nlu_components import rasa_speedups, session_start

rasa_speedups.install()
session_start.install()
