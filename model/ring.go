package model

// ring is a FIFO queue over a circular slice. It grows by doubling, so a
// queue that has reached its working size allocates nothing more.
type ring[T any] struct {
	buf        []T
	head, size int
}

func (q *ring[T]) len() int { return q.size }

func (q *ring[T]) push(v T) {
	if q.size == len(q.buf) {
		n := max(16, 2*len(q.buf))
		buf := make([]T, n)
		for i := 0; i < q.size; i++ {
			buf[i] = q.buf[(q.head+i)%len(q.buf)]
		}
		q.buf, q.head = buf, 0
	}
	q.buf[(q.head+q.size)%len(q.buf)] = v
	q.size++
}

// front returns a pointer to the oldest element; the queue must not be empty.
func (q *ring[T]) front() *T { return &q.buf[q.head] }

// back returns a pointer to the newest element; the queue must not be empty.
func (q *ring[T]) back() *T { return &q.buf[(q.head+q.size-1)%len(q.buf)] }

func (q *ring[T]) pop() {
	var zero T
	q.buf[q.head] = zero
	q.head++
	if q.head == len(q.buf) {
		q.head = 0
	}
	q.size--
}
