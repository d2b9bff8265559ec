package runner

import "syscall"

// interruptSignal asks sail for a clean shutdown.
var interruptSignal = syscall.SIGTERM
