package errszerolog_test

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/lifekit/lifekit/contrib/zerolog"
	"github.com/lifekit/lifekit/errs"
	"github.com/rs/zerolog"
)

// loadUser fails as a store would, with an errs error.
func loadUser(id int) error {
	return errs.Errorf("load user %d: not found", id)
}

func ExampleMarshalStack() {
	// Once, in main.
	zerolog.ErrorStackMarshaler = errszerolog.MarshalStack

	var out bytes.Buffer
	logger := zerolog.New(&out)

	// fmt.Errorf hides the stack from pkgerrors.MarshalStack;
	// errszerolog.MarshalStack finds it.
	err := fmt.Errorf("get user: %w", loadUser(42))
	logger.Error().Stack().Err(err).Msg("request failed")

	var rec struct {
		Error string `json:"error"`
		Stack struct {
			Fingerprint string `json:"fingerprint"`
			Frames      []struct {
				Func   string `json:"func"`
				Source string `json:"source"`
				Line   string `json:"line"`
			} `json:"frames"`
		} `json:"stack"`
	}
	if err := json.Unmarshal(out.Bytes(), &rec); err != nil {
		panic(err)
	}
	fmt.Println(rec.Error)
	fmt.Println(rec.Stack.Fingerprint == errs.Fingerprint(err))
	fmt.Println(rec.Stack.Frames[0].Func, rec.Stack.Frames[0].Source)
	// Output:
	// get user: load user 42: not found
	// true
	// loadUser example_test.go
}
