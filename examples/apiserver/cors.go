package main

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
)

// checkOrigin reports whether o is "*" or an origin as browsers send it:
// http or https, a host, maybe a port, nothing more.
func checkOrigin(o string) error {
	if o == "*" {
		return nil
	}
	u, err := url.Parse(o)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.User != nil || u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return errors.New("want * or scheme://host[:port], as a browser's Origin header")
	}
	return nil
}

// Shared header values: the headers of a response are only read once
// set, so one slice serves every response.
var (
	corsMethods = []string{"GET, PUT, POST, DELETE, OPTIONS"}
	// The headers Parse's SDKs send.
	corsHeaders = []string{"X-Parse-Master-Key, X-Parse-REST-API-Key, X-Parse-Javascript-Key, X-Parse-Application-Id, " +
		"X-Parse-Client-Key, X-Parse-Windows-Key, X-Parse-Client-Version, X-Parse-Session-Token, X-Parse-Installation-Id, " +
		"X-Requested-With, X-Parse-Revocable-Session, Content-Type, Pragma, Cache-Control"}
	corsAny     = []string{"*"}
	corsMaxAge  = []string{"600"}
	varyOrigin  = []string{"Origin"}
	corsRefused = &apiError{Status: http.StatusForbidden, Code: 119, Message: "cross-origin request refused: this origin is not allowed to write"}
)

// cors lets web pages of the allowed origins call the API, as Parse
// Server does: a request with an Origin header gets the CORS headers if
// its origin is allowed, and a preflight (OPTIONS) is answered, with no
// keys needed, since browsers send none with it.
//
// Allowing any origin ("*", the default, as Parse Server's) leaves the keys
// as the only gate: a page of another site that does not know the
// application id cannot write. With a list of origins, a write that a
// browser says comes from a page of any other site is refused besides
// (http.CrossOriginProtection, which reads Sec-Fetch-Site and Origin), even
// with the keys. Requests from other programs carry neither header and are
// not affected.
func cors(origins []string, next http.Handler) http.Handler {
	anyOrigin := slices.Contains(origins, "*")
	var protect *http.CrossOriginProtection
	if !anyOrigin {
		protect = http.NewCrossOriginProtection()
		for _, o := range origins {
			if err := protect.AddTrustedOrigin(o); err != nil {
				// checkOrigin accepted it: unreachable unless the two disagree.
				panic("cors: " + err.Error())
			}
		}
		protect.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			writeError(w, corsRefused)
		}))
		next = protect.Handler(next)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		h := w.Header()
		if !anyOrigin {
			h["Vary"] = varyOrigin // the answer depends on the Origin header
		}
		allowed := origin != "" && (anyOrigin || slices.Contains(origins, origin))
		if allowed {
			if anyOrigin {
				h["Access-Control-Allow-Origin"] = corsAny
			} else {
				h["Access-Control-Allow-Origin"] = []string{origin}
			}
			h["Access-Control-Allow-Methods"] = corsMethods
			h["Access-Control-Allow-Headers"] = corsHeaders
		}
		if r.Method == http.MethodOptions {
			// A preflight: the headers above say what the browser may send.
			// For an origin not allowed they are missing, and the browser
			// does not send the request.
			if allowed {
				h["Access-Control-Max-Age"] = corsMaxAge
			}
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}
