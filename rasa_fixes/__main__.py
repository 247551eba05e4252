"""`python -m rasa_fixes <rasa arguments>`: Rasa's command line with this project's fixes."""

from rasa.__main__ import main

from rasa_fixes import install

if __name__ == "__main__":
    install()
    main()
