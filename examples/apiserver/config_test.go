package main

import (
	"errors"
	"flag"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseConfig(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		env     map[string]string
		check   func(*Config) bool
		wantErr string
	}{
		{
			name: "defaults",
			check: func(c *Config) bool {
				return c.Addr == "127.0.0.1:8080" && c.DataDir == "data" && c.DB == "" && c.PIDFile == filepath.Join("data", "apiserver.pid")
			},
		},
		{
			name: "flags",
			args: []string{"-addr", "127.0.0.1:9", "-data", "/tmp/x", "-lame-duck", "1s", "-log-level", "debug"},
			check: func(c *Config) bool {
				return c.Addr == "127.0.0.1:9" && c.PIDFile == filepath.Join("/tmp/x", "apiserver.pid") && c.LameDuck == time.Second && c.LogLevel == slog.LevelDebug
			},
		},
		{
			name: "environment",
			env:  map[string]string{"APISERVER_ADDR": "127.0.0.1:7", "APISERVER_WEBHOOK_TIMEOUT": "3s", "APISERVER_MAX_BODY": "10"},
			check: func(c *Config) bool {
				return c.Addr == "127.0.0.1:7" && c.WebhookTimeout == 3*time.Second && c.MaxBody == 10
			},
		},
		{
			name:  "flag wins over environment",
			args:  []string{"-addr", "127.0.0.1:9"},
			env:   map[string]string{"APISERVER_ADDR": "127.0.0.1:7"},
			check: func(c *Config) bool { return c.Addr == "127.0.0.1:9" },
		},
		{
			name:  "DATABASE_URL",
			env:   map[string]string{"DATABASE_URL": "postgres://u@h/db"},
			check: func(c *Config) bool { return c.DB == "postgres://u@h/db" },
		},
		{
			name:  "APISERVER_DB wins over DATABASE_URL",
			env:   map[string]string{"DATABASE_URL": "postgres://u@h/a", "APISERVER_DB": "postgresql://u@h/b"},
			check: func(c *Config) bool { return c.DB == "postgresql://u@h/b" },
		},
		{name: "bad env value", env: map[string]string{"APISERVER_LAME_DUCK": "soon"}, wantErr: "APISERVER_LAME_DUCK"},
		{name: "bad db", args: []string{"-db", "mysql://x"}, wantErr: "-db"},
		{name: "bad webhook", args: []string{"-webhook", "ftp://x"}, wantErr: "-webhook"},
		{name: "bad max body", args: []string{"-max-body", "0"}, wantErr: "-max-body"},
		{name: "bad timeout", args: []string{"-stop-timeout", "0s"}, wantErr: "-stop-timeout"},
		{name: "bad log format", args: []string{"-log-format", "xml"}, wantErr: "-log-format"},
		{name: "question mark in SQLite dir", args: []string{"-data", "a?b"}, wantErr: "-data"},
		{name: "unknown flag", args: []string{"-nope"}, wantErr: "-nope"},
		{name: "stray argument", args: []string{"serve"}, wantErr: "serve"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := parseConfig(tc.args, func(k string) string { return tc.env[k] }, io.Discard)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("parseConfig(%q) error = %v, want one naming %s", tc.args, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseConfig(%q) = %v", tc.args, err)
			}
			if !tc.check(c) {
				t.Errorf("parseConfig(%q, %v) = %+v", tc.args, tc.env, c)
			}
		})
	}

	var out strings.Builder
	if _, err := parseConfig([]string{"-h"}, func(string) string { return "" }, &out); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("parseConfig(-h) = %v, want flag.ErrHelp", err)
	}
	if !strings.Contains(out.String(), "APISERVER_") {
		t.Errorf("usage does not mention the environment: %s", out.String())
	}
}
