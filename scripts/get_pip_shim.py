# hwcloud.dis get-pip shim (marker used by install-get-pip-shim.sh: do not remove)
"""Offline stand-in for the get-pip.py bootstrap script that ansible-test downloads.

ansible-test makes every virtual environment with ``python -m venv --without-pip`` and
then runs ``get-pip.py <pip args>`` inside it. It downloads that script from a host this
project's machines cannot reach, unless ``~/.ansible/test/cache/get_pip_<version>.py``
already exists. This file is installed there by ``make venv``: it gives the new
environment pip from the interpreter's own ``ensurepip`` and then lets that pip install
what ansible-test asked for (``pip==<version>``, from the package index we can reach).
"""

import subprocess
import sys

# get-pip.py options that plain ``pip install`` does not know.
GET_PIP_ONLY_OPTIONS = ('--no-setuptools', '--no-wheel')


def run(*args):
    """Run this interpreter with the given arguments; stop with its exit code on failure."""
    returncode = subprocess.call([sys.executable, *args])
    if returncode:
        sys.exit(returncode)


def main(argv):
    """Bootstrap pip with ensurepip, then install the requested packages."""
    pip_args = [arg for arg in argv if arg not in GET_PIP_ONLY_OPTIONS]

    run('-m', 'ensurepip', '--default-pip')
    run('-m', 'pip', 'install', *pip_args)

    # On Python 3.11 ensurepip also installs setuptools; get-pip.py would not have.
    if '--no-setuptools' in argv:
        run('-m', 'pip', 'uninstall', '--yes', '--quiet', 'setuptools')


if __name__ == '__main__':
    main(sys.argv[1:])
