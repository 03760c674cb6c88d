package graceful

import (
	"testing"
	"time"
)

// TestWithUpgradeTimeout checks what each kind of value means: 0 is the
// default, a negative d is no bound but Upgrade's ctx, and the last option
// wins.
func TestWithUpgradeTimeout(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		want time.Duration // < 0: no bound
	}{
		{"default", nil, DefaultUpgradeTimeout},
		{"set", []Option{WithUpgradeTimeout(5 * time.Second)}, 5 * time.Second},
		{"zero", []Option{WithUpgradeTimeout(0)}, DefaultUpgradeTimeout},
		{"negative", []Option{WithUpgradeTimeout(-time.Second)}, -1},
		{"last wins", []Option{WithUpgradeTimeout(-1), WithUpgradeTimeout(0)}, DefaultUpgradeTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := defaultConfig()
			for _, o := range tt.opts {
				o(&c)
			}
			got := c.upgradeTimeout
			if tt.want < 0 && got >= 0 || tt.want >= 0 && got != tt.want {
				t.Errorf("upgrade timeout = %v, want %v (negative: no bound)", got, tt.want)
			}
		})
	}
}
