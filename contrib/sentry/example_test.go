package errsentry_test

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"slices"
	"time"

	"github.com/getsentry/sentry-go"
	errsentry "github.com/lifekit/lifekit/contrib/sentry"
	"github.com/lifekit/lifekit/errs"
)

func loadUser(id int) error {
	return errs.Errorf("load user %d: %w", id, sql.ErrNoRows)
}

func Example() {
	client, err := sentry.NewClient(sentry.ClientOptions{
		Transport:  printer{}, // in a program, Dsn: os.Getenv("SENTRY_DSN") instead
		BeforeSend: errsentry.BeforeSend,
	})
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	hub := sentry.NewHub(client, sentry.NewScope())

	hub.CaptureException(fmt.Errorf("get user: %w", loadUser(42)))
	hub.Flush(2 * time.Second) // before the program exits
	// Output:
	// *fmt.wrapError: get user: load user 42: sql: no rows in result set
	//	at loadUser
	// *errors.errorString: load user 42: sql: no rows in result set
	//	at loadUser
	// *errors.errorString: sql: no rows in result set
}

// BeforeSend is combined with a BeforeSend of one's own by calling it
// first.
func ExampleBeforeSend() {
	client, err := sentry.NewClient(sentry.ClientOptions{
		Transport: printer{},
		BeforeSend: func(event *sentry.Event, hint *sentry.EventHint) *sentry.Event {
			event = errsentry.BeforeSend(event, hint)
			for i := range event.Exception {
				event.Exception[i].Value = "[redacted]"
			}
			return event
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	hub := sentry.NewHub(client, sentry.NewScope())

	hub.CaptureException(loadUser(42))
	// Output:
	// *errors.errorString: [redacted]
	//	at loadUser
	// *errors.errorString: [redacted]
}

// printer is a sentry.Transport that prints each event's exceptions,
// outermost first, with the function at the top of each stack, and checks
// its fingerprint, rather than sending it to Sentry.
type printer struct{}

func (printer) SendEvent(event *sentry.Event) {
	for _, ex := range slices.Backward(event.Exception) {
		fmt.Printf("%s: %s\n", ex.Type, ex.Value)
		if st := ex.Stacktrace; st != nil && len(st.Frames) > 0 {
			fmt.Printf("\tat %s\n", st.Frames[len(st.Frames)-1].Function) // the innermost frame is the last
		}
	}
	if len(event.Fingerprint) != 1 {
		fmt.Printf("fingerprint %q, want errs.Fingerprint\n", event.Fingerprint)
	}
}

func (printer) Configure(sentry.ClientOptions)        {}
func (printer) Flush(time.Duration) bool              { return true }
func (printer) FlushWithContext(context.Context) bool { return true }
func (printer) Close()                                {}
