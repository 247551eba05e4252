"""Custom actions of the cervical dystonia Botox FAQ assistant (served by rasa_sdk)."""
