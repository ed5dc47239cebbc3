"""``python -m speechtopics``: the same command line as the ``speechtopics`` console script.

This module owns one thing: running :func:`speechtopics.cli.main` when the package is run as a module
(a checkout on ``PYTHONPATH``, or an environment whose scripts folder is not on ``PATH``).
"""

from speechtopics.cli import main

if __name__ == "__main__":
    main()
