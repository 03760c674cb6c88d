// Package pair runs the two servers that bench/parseshadow and
// bench/parsebench put side by side: Parse Server and lifekit's example API
// server (examples/apiserver), each a child process on a fresh database of
// its own, on one PostgreSQL.
//
// A program makes its directory and databases with [NewWorkspace], starts
// the servers with [StartBoth] (or [StartParse] and [StartLifekit]), and at
// the end stops them with [Server.Stop] and removes the workspace with
// [Workspace.Close], in that order and also on an error or Ctrl-C: a server
// holds its database open.
//
// The servers are stopped by the PID this package started, never by name.
// They run in process groups of their own on Unix, so that Ctrl-C in the
// terminal reaches the program alone, which can then stop them in order.
package pair
