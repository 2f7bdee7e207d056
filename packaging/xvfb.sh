# Sourced by smoke.sh and startup.sh: start_xvfb WORKDIR starts Xvfb on the first free display
# with a black root (-br: packaging/screen.py takes the first non-black grab as the window
# appearing), sets $display and $xvfb_pid, and returns non-zero with Xvfb's log if it fails.
# The caller kills $xvfb_pid when done.
start_xvfb() {
    local n=90
    while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
    Xvfb ":$n" -screen 0 1280x800x24 -br -nolisten tcp >"$1/xvfb.log" 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
    if [ ! -e "/tmp/.X11-unix/X$n" ]; then
        echo "Xvfb did not start:" >&2
        cat "$1/xvfb.log" >&2
        return 1
    fi
    display=":$n"
}
