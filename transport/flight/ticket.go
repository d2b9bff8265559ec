package flight

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Ticket names one reduce partition of one map output: what a DoGet asks for. A result
// partition p of a job's final stage is Ticket{Job, Stage: final, MapPartition: p,
// Partition: 0}: the final stage writes each of its partitions as a one-partition output.
type Ticket struct {
	Job          string
	Stage        int32
	MapPartition int32
	Partition    int32
}

func (t Ticket) String() string {
	return fmt.Sprintf("job %s stage %d map %d partition %d", t.Job, t.Stage, t.MapPartition, t.Partition)
}

// ticketVersion starts every encoded ticket.
const ticketVersion = 1

// maxJobIDLen bounds the job id of a decoded ticket.
const maxJobIDLen = 1024

// Encode gives the ticket's bytes: a version byte, the job id's length and bytes, then the
// stage, map partition and reduce partition, as varints.
func (t Ticket) Encode() []byte {
	b := make([]byte, 0, 1+binary.MaxVarintLen64+len(t.Job)+3*binary.MaxVarintLen32)
	b = append(b, ticketVersion)
	b = binary.AppendUvarint(b, uint64(len(t.Job)))
	b = append(b, t.Job...)
	b = binary.AppendVarint(b, int64(t.Stage))
	b = binary.AppendVarint(b, int64(t.MapPartition))
	b = binary.AppendVarint(b, int64(t.Partition))
	return b
}

var errBadTicket = errors.New("malformed shuffle ticket")

// DecodeTicket parses a ticket's bytes; malformed bytes give an error.
func DecodeTicket(b []byte) (Ticket, error) {
	if len(b) == 0 || b[0] != ticketVersion {
		return Ticket{}, errBadTicket
	}
	b = b[1:]
	n, k := binary.Uvarint(b)
	if k <= 0 || n > maxJobIDLen || uint64(len(b)-k) < n {
		return Ticket{}, errBadTicket
	}
	t := Ticket{Job: string(b[k : k+int(n)])}
	b = b[k+int(n):]
	for _, dst := range []*int32{&t.Stage, &t.MapPartition, &t.Partition} {
		v, k := binary.Varint(b)
		if k <= 0 || v < 0 || v > 1<<31-1 {
			return Ticket{}, errBadTicket
		}
		*dst = int32(v)
		b = b[k:]
	}
	if len(b) != 0 {
		return Ticket{}, errBadTicket
	}
	return t, nil
}
