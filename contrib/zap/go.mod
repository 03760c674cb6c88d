module github.com/lifekit/lifekit/contrib/zap

go 1.25.0

require (
	github.com/lifekit/lifekit v0.0.0
	go.uber.org/zap v1.28.0
)

require go.uber.org/multierr v1.10.0 // indirect

replace github.com/lifekit/lifekit => ../..
