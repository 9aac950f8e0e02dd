import sys

from pipeline.cli import main

if __name__ == "__main__":  # annotation workers are spawned and re-import this module: they must not re-run it
    sys.exit(main())
