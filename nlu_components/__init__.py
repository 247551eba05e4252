"""This bot's Rasa components. Rasa imports this package when it loads the model (config.yml
names components and a policy in it), which is where the action-result validation fix goes in."""

from nlu_components import action_result_validation

action_result_validation.install()
