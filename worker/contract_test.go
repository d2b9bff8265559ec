package worker

import "github.com/sailgo/sail/transport/flight"

// The worker drops job outputs from the shuffle store that its Flight server serves.
var _ Store = (*flight.Store)(nil)
