package errszap_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/lifekit/lifekit/contrib/zap"
	"github.com/lifekit/lifekit/errs"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// loadUser fails as a store would, with an errs error.
func loadUser(id int) error {
	return errs.Errorf("load user %d: not found", id)
}

// newLogger returns a JSON logger writing to out without timestamps.
func newLogger(out *bytes.Buffer) *zap.Logger {
	enc := zapcore.NewJSONEncoder(zapcore.EncoderConfig{MessageKey: "msg"})
	return zap.New(zapcore.NewCore(enc, zapcore.AddSync(out), zap.InfoLevel))
}

func ExampleError() {
	var out bytes.Buffer
	logger := newLogger(&out)

	// fmt.Errorf hides the stack from zap.Error; errszap.Error finds it.
	err := fmt.Errorf("get user: %w", loadUser(42))
	logger.Error("request failed", errszap.Error(err))

	var rec struct {
		Error       string   `json:"error"`
		Fingerprint string   `json:"errorFingerprint"`
		Stack       []string `json:"errorStack"`
	}
	if err := json.Unmarshal(out.Bytes(), &rec); err != nil {
		panic(err)
	}
	fmt.Println(rec.Error)
	fmt.Println(rec.Fingerprint == errs.Fingerprint(err))
	fmt.Println(strings.Fields(rec.Stack[0])[0]) // "function file:line"
	// Output:
	// get user: load user 42: not found
	// true
	// github.com/lifekit/lifekit/contrib/zap_test.loadUser
}

func ExampleNamedError() {
	var out bytes.Buffer
	logger := newLogger(&out)

	logger.Warn("retrying", errszap.NamedError("cause", loadUser(7)))
	// Without a stack on its chain, an error logs as zap.NamedError logs it.
	logger.Warn("retrying", errszap.NamedError("cause", fmt.Errorf("dial: refused")))

	for line := range strings.Lines(out.String()) {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			panic(err)
		}
		fmt.Println(rec["cause"], rec["causeFingerprint"] != nil, rec["causeStack"] != nil)
	}
	// Output:
	// load user 7: not found true true
	// dial: refused false false
}
