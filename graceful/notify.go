package graceful

import (
	"net"
	"strings"

	"github.com/lifekit/lifekit/errs"
)

// sdNotify sends one datagram of newline-separated assignments to systemd's
// notification socket, as sd_notify(3) does. socket is a path or, starting
// with "@", an abstract socket name.
func sdNotify(socket, state string) error {
	if mono := monotonicUsec(); mono != "" && strings.Contains(state, "RELOADING=1") {
		// Type=notify-reload services must say when the reload began.
		state += "\nMONOTONIC_USEC=" + mono
	}
	c, err := net.DialUnix("unixgram", nil, &net.UnixAddr{Name: socket, Net: "unixgram"})
	if err != nil {
		return errs.Wrap(err)
	}
	defer c.Close()
	if _, err := c.Write([]byte(state)); err != nil {
		return errs.Wrap(err)
	}
	return nil
}

// oneLine makes s fit in a notification's STATUS= line.
func oneLine(s string) string {
	return strings.ReplaceAll(s, "\n", " ")
}
