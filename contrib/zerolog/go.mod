module github.com/lifekit/lifekit/contrib/zerolog

go 1.25.0

require (
	github.com/lifekit/lifekit v0.0.0
	github.com/rs/zerolog v1.35.1
)

require (
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.20 // indirect
	golang.org/x/sys v0.29.0 // indirect
)

replace github.com/lifekit/lifekit => ../..
