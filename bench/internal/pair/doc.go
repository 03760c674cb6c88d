// Package pair runs the two servers that bench/parseshadow and
// bench/parsebench put side by side: Parse Server and lifekit's example API
// server (examples/apiserver), each a child process on a fresh database of
// its own, on one PostgreSQL.
//
// A program takes the common flags with [Options.AddFlags], runs under
// [Main] (Ctrl-C cancels its context), and gets its directory, databases
// and both servers from [StartRun]; [Run.Close] stops the servers and then
// removes the workspace, in that order and also on an error or Ctrl-C: a
// server holds its database open. The parts are there on their own too:
// [NewWorkspace], [StartBoth], [StartParse], [StartLifekit], [Server.Stop],
// [Workspace.Close].
//
// The servers are stopped by the PID this package started, never by name.
// They run in process groups of their own on Unix, so that Ctrl-C in the
// terminal reaches the program alone, which can then stop them in order.
package pair
