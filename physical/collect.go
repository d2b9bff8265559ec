package physical

import (
	"context"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
)

// Collect runs every partition of p concurrently and calls emit with each batch, partition
// by partition in order (partition 0's batches first), which is the order Spark returns
// rows in. emit takes ownership of the batch. At most a few batches per partition wait in
// memory, so a slow consumer slows the producers down.
func Collect(ctx context.Context, p ExecutionPlan, emit func(arrow.RecordBatch) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	n := p.Partitions()
	type item struct {
		batch arrow.RecordBatch
		err   error
	}
	chans := make([]chan item, n)
	var wg sync.WaitGroup
	for i := range n {
		ch := make(chan item, 2)
		chans[i] = ch
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(ch)
			s, err := p.Execute(ctx, i)
			if err != nil {
				ch <- item{err: err}
				return
			}
			defer s.Close()
			for {
				b, err := s.Next()
				if IsEOF(err) {
					return
				}
				select {
				case ch <- item{batch: b, err: err}:
				case <-ctx.Done():
					if b != nil {
						b.Release()
					}
					return
				}
				if err != nil {
					return
				}
			}
		}()
	}
	defer func() {
		cancel()
		for _, ch := range chans {
			for it := range ch {
				if it.batch != nil {
					it.batch.Release()
				}
			}
		}
		wg.Wait()
	}()
	for _, ch := range chans {
		for it := range ch {
			if it.err != nil {
				if it.batch != nil {
					it.batch.Release()
				}
				return it.err
			}
			if err := emit(it.batch); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}
