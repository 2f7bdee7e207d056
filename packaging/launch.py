"""The standalone app's entry point (PyInstaller freezes this file): the installed `bayan` CLI."""

from bayan.main import main

if __name__ == "__main__":
    main()
