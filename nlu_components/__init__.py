"""This bot's Rasa components. Rasa imports this package when it loads the model (config.yml
names components and a policy in it), which is where the fixes in rasa_speedups go in."""

from nlu_components import rasa_speedups

rasa_speedups.install()
