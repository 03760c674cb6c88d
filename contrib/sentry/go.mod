module github.com/lifekit/lifekit/contrib/sentry

go 1.25.0

require (
	github.com/getsentry/sentry-go v0.46.0
	github.com/lifekit/lifekit v0.0.0
	go.uber.org/goleak v1.3.0
)

require (
	golang.org/x/sys v0.18.0 // indirect
	golang.org/x/text v0.14.0 // indirect
)

replace github.com/lifekit/lifekit => ../..
