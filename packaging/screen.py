"""Starts a GUI command on an X display, waits until its window shows, and takes a screenshot.

    python packaging/screen.py OUT.png [--timeout S] [--settle S] -- COMMAND ARG...

For packaging/smoke.sh, on a display of Xvfb started with a black root (-br): the screen is
grabbed every 50 ms from the moment COMMAND starts; the first grab that is not all black is
the window appearing, the first with many colours (text) the window drawn, and the times
until then are printed (the app's start time, as a person sees it). After --settle seconds
more, the screenshot is saved to OUT.png and must still show a drawn window. COMMAND is then
ended. Exit status 0 when the window appeared and was drawn; 1 otherwise, with the reason.

It needs a Python with PySide6 (the bundle's build environment has one); the app it starts
does not.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time

from PySide6.QtGui import QGuiApplication, QImage

POLL = 0.05
# A drawn window has text in it: antialiased glyphs alone give dozens of colours. An empty
# frame (a window mapped but not painted) has one or two.
MIN_COLOURS = 24


def grab(app: QGuiApplication) -> QImage:
    screen = app.primaryScreen()
    return screen.grabWindow(0).toImage().convertToFormat(QImage.Format.Format_RGB32)


def colours(image: QImage) -> int:
    small = image.scaled(320, 200).convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(small.constBits())
    return len({data[i:i + 4] for i in range(0, len(data), 4)})


def shown(image: QImage) -> bool:
    gray = image.scaled(160, 100).convertToFormat(QImage.Format.Format_Grayscale8)
    return max(bytes(gray.constBits())) > 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--settle", type=float, default=1.5)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    app = QGuiApplication(sys.argv[:1])
    if shown(grab(app)):
        print("screen: the display is not blank before the app starts (start Xvfb with -br)", file=sys.stderr)
        return 1
    started = time.monotonic()
    process = subprocess.Popen(command)
    try:
        appeared = None
        while True:
            image = grab(app)
            now = time.monotonic() - started
            if appeared is None and shown(image):
                appeared = now
            if appeared is not None and colours(image) >= MIN_COLOURS:
                break
            if process.poll() is not None:
                print(f"screen: {command[0]} exited ({process.returncode}) before its window was drawn",
                      file=sys.stderr)
                return 1
            if now > args.timeout:
                what = "no window" if appeared is None else "a window, never drawn,"
                print(f"screen: {what} within {args.timeout:.0f} s", file=sys.stderr)
                return 1
            time.sleep(POLL)
        print(f"screen: window shown {appeared:.2f} s and drawn {now:.2f} s after start")
        time.sleep(args.settle)
        image = grab(app)
        if not image.save(args.out):
            print(f"screen: cannot write {args.out}", file=sys.stderr)
            return 1
        found = colours(image)
        if found < MIN_COLOURS:
            print(f"screen: the window shows {found} colours: not drawn ({args.out})", file=sys.stderr)
            return 1
        print(f"screen: screenshot {args.out} ({image.width()}x{image.height()}, {found} colours)")
        return 0
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
