"""`python -m automator` runs the command-line interface."""

from automator.cli import main

if __name__ == "__main__":
    main()
